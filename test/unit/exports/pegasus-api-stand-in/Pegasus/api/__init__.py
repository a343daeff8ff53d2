"""Stand-in for the Pegasus 5 Python API (Pegasus.api), for tests on machines without it.

It has the real API's class and method names, parameter names (keyword-only where the
API has them), enums and checks that matter to a script (DuplicateError on a repeated file
or job, TypeError on a wrong enum, absolute directory paths, the mutable default dicts of
ReplicaCatalog.add_replica), and it writes the document the same way: profiles, metadata
and uses as the API serializes them, inferred dependencies merged on write. Where the real
API picks a producer arbitrarily, this one picks the last, so tests are repeatable.
It is not the real API: a script that runs here can still fail there, but a script that
fails here would fail there too.
"""
import re
from collections import OrderedDict, defaultdict
from enum import Enum
from pathlib import Path

import yaml

__all__ = [
    "Arch", "AbstractJob", "Container", "Directory", "DuplicateError", "EventType", "File", "FileServer", "Grid", "Job",
    "Namespace", "NotFoundError", "OS", "Operation", "PegasusError", "ReplicaCatalog", "Scheduler", "Site", "SiteCatalog",
    "SubWorkflow", "SupportedJobs", "Transformation", "TransformationCatalog", "TransformationSite", "Workflow",
]


class PegasusError(Exception):
    pass


class DuplicateError(PegasusError):
    pass


class NotFoundError(PegasusError):
    pass


def _chained(f):
    def wrapper(self, *args, **kwargs):
        f(self, *args, **kwargs)
        return self

    return wrapper


def _strip_nones(d):
    return OrderedDict((k, v) for k, v in d.items() if v is not None)


# --- mixins -------------------------------------------------------------------
class EventType(Enum):
    NEVER = "never"
    START = "start"
    ERROR = "error"
    SUCCESS = "success"
    END = "end"
    ALL = "all"


class Namespace(Enum):
    PEGASUS = "pegasus"
    CONDOR = "condor"
    DAGMAN = "dagman"
    ENV = "env"
    GLOBUS = "globus"
    SELECTOR = "selector"
    STAT = "stat"


def to_mb(value):
    value = str(value).strip()
    m = re.match(r"^\s*(\d+([Ee][+-]?\d+)?)\s*([MmGgPpEeZzYy][Bb])?\s*$", value)
    if not m:
        raise ValueError("value: {} should be a str formatted as '<int> [MB | GB | ...]'".format(value))
    amt = int(float(m.group(1)))
    unit = m.group(3).lower() if m.group(3) else None
    if unit is None:
        return amt
    b = {"mb": 1 << 20, "gb": 1 << 30, "tb": 1 << 40, "pb": 1 << 50, "eb": 1 << 60, "zb": 1 << 70, "yb": 1 << 80}
    return int((amt * b[unit]) / b["mb"])


class MetadataMixin:
    @_chained
    def add_metadata(self, *args, **kwargs):
        for arg in args:
            if isinstance(arg, dict):
                self.metadata.update({key: str(value) for key, value in arg.items()})
            else:
                raise TypeError("{arg} must be of type dict".format(arg=arg))
        for key, value in kwargs.items():
            self.metadata[key] = str(value)


class HookMixin:
    @_chained
    def add_shell_hook(self, event_type, cmd):
        if not isinstance(event_type, EventType):
            raise ValueError("event_type must be one of EventType")
        self.hooks["shell"].append(OrderedDict([("_on", event_type.value), ("cmd", cmd)]))


def _typed(ns, mapping):
    """A typed add_X_profile: only the given keywords, values mapped like the API."""

    def method(self, **kw):
        new_kw = {}
        for k, v in kw.items():
            if k not in mapping:
                raise TypeError("add_{}_profile() got an unexpected keyword argument '{}'".format(ns.value, k))
            if v is None:
                continue
            target = mapping[k]
            if isinstance(target, tuple):
                new_kw[target[0]] = target[1](v)
            else:
                new_kw[target] = v
        return ProfileMixin.add_profiles(self, ns, **new_kw)

    return method


class ProfileMixin:
    @_chained
    def add_profiles(self, ns, key=None, value=None, **kw):
        if not isinstance(ns, Namespace):
            raise TypeError("invalid ns: {}".format(ns))
        ns = ns.value
        if key and value:
            if isinstance(value, Path) or type(value) == bool:
                value = str(value)
            self.profiles[ns].update({key: value})
        else:
            for k, v in kw.items():
                if isinstance(v, Path) or type(v) == bool:
                    kw[k] = str(v)
            self.profiles[ns].update(kw)

    def add_env(self, key=None, value=None, **kw):
        return self.add_profiles(Namespace.ENV, key=key, value=value, **kw)

    add_globus_profile = _typed(
        Namespace.GLOBUS,
        dict(count="count", job_type="jobtype", max_cpu_time="maxcputime", max_memory=("maxmemory", to_mb),
             max_time="maxtime", max_wall_time="maxwalltime", min_memory=("minmemory", to_mb), project="project", queue="queue"),
    )
    add_condor_profile = _typed(
        Namespace.CONDOR,
        dict(universe="universe", periodic_release="periodic_release", periodic_remove="periodic_remove",
             filesystem_domain="filesystemdomain", stream_error="stream_error", stream_output="stream_output",
             priority="priority", request_cpus="request_cpus", request_gpus="request_gpus",
             request_memory=("request_memory", to_mb), request_disk=("request_disk", to_mb), requirements="requirements",
             should_transfer_files="should_transfer_files", when_to_transfer_output="when_to_transfer_output",
             condor_collector="condor_collector", grid_resource="grid_resource", cream_attributes="cream_attributes"),
    )
    add_pegasus_profile = _typed(
        Namespace.PEGASUS,
        dict(clusters_num="clusters.num", clusters_size="clusters.size", job_aggregator="job.aggregator",
             job_aggregator_arguments="job.aggregator.arguments", grid_start="gridstart", grid_start_path="gridstart.path",
             grid_start_arguments="gridstart.arguments", grid_start_launcher="gridstart.launcher",
             grid_start_launcher_arguments="gridstart.launcher.arguments", stagein_clusters="stagein.clusters",
             stagein_local_clusters="stagein.local.clusters", stagein_remote_clusters="stagein.remote.clusters",
             stageout_clusters="stageout.clusters", stageout_local_clusters="stageout.local.clusters",
             stageout_remote_clusters="stageout.remote.clusters", group="group", change_dir="change.dir",
             create_dir="create.dir", transfer_proxy="transfer.proxy", style="style",
             pmc_request_memory=("pmc_request_memory", to_mb), pmc_request_cpus="pmc_request_cpus",
             pmc_priority="pmc_priority", pmc_task_arguments="pmc_task_arguments",
             exitcode_failure_msg="exitcode.failuremsg", exitcode_success_msg="exitcode.successmsg",
             checkpoint_time="checkpoint.time", max_walltime="maxwalltime", glite_arguments="glite.arguments",
             auxillary_local="auxillary.local", condor_arguments_quote="condor.arguments.quote", runtime="runtime",
             clusters_max_runtime="clusters.maxruntime", cores="cores", gpus="gpus", nodes="nodes", ppn="ppn",
             memory=("memory", to_mb), diskspace=("diskspace", to_mb), data_configuration="data.configuration",
             queue="queue", project="project", boto_config="BOTO_CONFIG", container_arguments="container.arguments",
             label="label", pegasus_lite_env_source="pegasus_lite_env_source", SSH_PRIVATE_KEY="SSH_PRIVATE_KEY",
             relative_submit_dir="relative.submit.dir"),
    )


def _profiles_json(profiles):
    return OrderedDict(sorted(((k, dict(v)) for k, v in profiles.items()), key=lambda kv: kv[0])) if len(profiles) > 0 else None


def _hooks_json(hooks):
    return OrderedDict((name, list(values)) for name, values in hooks.items()) if len(hooks) > 0 else None


# --- site catalog -------------------------------------------------------------
class Arch(Enum):
    X86 = "x86"
    X86_64 = "x86_64"
    PPC = "ppc"
    PPC_64 = "ppc_64"
    PPC64LE = "ppc64le"
    IA64 = "ia64"
    SPARCV7 = "sparcv7"
    SPARCV9 = "sparcv9"
    AMD64 = "amd64"
    AARCH64 = "aarch64"


class OS(Enum):
    LINUX = "linux"
    SUNOS = "sunos"
    AIX = "aix"
    MACOSX = "macosx"
    WINDOWS = "windows"


class Operation(Enum):
    ALL = "all"
    PUT = "put"
    GET = "get"


class _DirectoryType(Enum):
    SHARED_SCRATCH = "sharedScratch"
    SHARED_STORAGE = "sharedStorage"
    LOCAL_SCRATCH = "localScratch"
    LOCAL_STORAGE = "localStorage"


class _GridType(Enum):
    GT5 = "gt5"
    CONDOR = "condor"
    CREAM = "cream"
    BATCH = "batch"
    NORDUGRID = "nordugrid"
    UNICORE = "unicore"
    EC2 = "ec2"
    DELTACLOUD = "deltacloud"


class Scheduler(Enum):
    FORK = "fork"
    PBS = "pbs"
    LSF = "lsf"
    CONDOR = "condor"
    SGE = "sge"
    SLURM = "slurm"
    UNKNOWN = "unknown"


class SupportedJobs(Enum):
    COMPUTE = "compute"
    AUXILLARY = "auxillary"
    TRANSFER = "transfer"
    REGISTER = "register"
    CLEANUP = "cleanup"


def _enum(value, cls):
    if value is None:
        return None
    if not isinstance(value, cls):
        raise TypeError("invalid {}: {}".format(cls.__name__, value))
    return value.value


class FileServer(ProfileMixin):
    def __init__(self, url, operation_type):
        self.url = url
        self.operation_type = _enum(operation_type, Operation)
        self.profiles = defaultdict(OrderedDict)

    def __json__(self):
        return _strip_nones(OrderedDict([("url", self.url), ("operation", self.operation_type), ("profiles", _profiles_json(self.profiles))]))


class Directory:
    SHARED_SCRATCH = _DirectoryType.SHARED_SCRATCH
    SHARED_STORAGE = _DirectoryType.SHARED_STORAGE
    LOCAL_SCRATCH = _DirectoryType.LOCAL_SCRATCH
    LOCAL_STORAGE = _DirectoryType.LOCAL_STORAGE

    def __init__(self, directory_type, path, shared_file_system=False):
        self.directory_type = _enum(directory_type, _DirectoryType)
        path = Path(path) if isinstance(path, str) else path
        if not path.is_absolute():
            raise ValueError("invalid path: {}, path must be given as an absolute path".format(path))
        self.path = str(path)
        self.shared_file_system = shared_file_system
        self.file_servers = []

    @_chained
    def add_file_servers(self, *file_servers):
        for fs in file_servers:
            if not isinstance(fs, FileServer):
                raise TypeError("invalid file_server")
            self.file_servers.append(fs)

    def __json__(self):
        return OrderedDict([("type", self.directory_type), ("path", self.path), ("sharedFileSystem", self.shared_file_system),
                            ("fileServers", [fs.__json__() for fs in self.file_servers])])


class Grid:
    GT5 = _GridType.GT5
    CONDOR = _GridType.CONDOR
    CREAM = _GridType.CREAM
    BATCH = _GridType.BATCH
    NORDUGRID = _GridType.NORDUGRID
    UNICORE = _GridType.UNICORE
    EC2 = _GridType.EC2
    DELTACLOUD = _GridType.DELTACLOUD

    def __init__(self, grid_type, contact, scheduler_type, job_type=None):
        self.grid_type = _enum(grid_type, _GridType)
        self.contact = contact
        self.scheduler_type = _enum(scheduler_type, Scheduler)
        self.job_type = _enum(job_type, SupportedJobs)

    def __json__(self):
        return _strip_nones(OrderedDict([("type", self.grid_type), ("contact", self.contact), ("scheduler", self.scheduler_type), ("jobtype", self.job_type)]))


class Site(ProfileMixin):
    def __init__(self, name, arch=None, os_type=None, os_release=None, os_version=None):
        self.name = name
        self.directories = []
        self.grids = []
        self.arch = _enum(arch, Arch)
        self.os_type = _enum(os_type, OS)
        self.os_release = os_release
        self.os_version = os_version
        self.profiles = defaultdict(OrderedDict)

    @_chained
    def add_directories(self, *directories):
        for d in directories:
            if not isinstance(d, Directory):
                raise TypeError("invalid directory")
            self.directories.append(d)

    @_chained
    def add_grids(self, *grids):
        for g in grids:
            if not isinstance(g, Grid):
                raise TypeError("invalid grid")
            self.grids.append(g)

    def __json__(self):
        return _strip_nones(OrderedDict([
            ("name", self.name), ("arch", self.arch), ("os.type", self.os_type), ("os.release", self.os_release),
            ("os.version", self.os_version), ("directories", [d.__json__() for d in self.directories]),
            ("grids", [g.__json__() for g in self.grids] if len(self.grids) > 0 else None),
            ("profiles", _profiles_json(self.profiles)),
        ]))


class _Writable:
    @_chained
    def write(self, file=None, _format="yml"):
        file = file or self._DEFAULT_FILENAME
        document = OrderedDict([("x-pegasus", {"apiLang": "python", "createdBy": "stand-in", "createdOn": "01-01-26T00:00:00Z"})])
        document.update(self.__json__())
        with open(file, "w") as f:
            yaml.safe_dump(_plain(document), f, sort_keys=False, default_flow_style=False)
        self._path = file


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class SiteCatalog(_Writable):
    _DEFAULT_FILENAME = "sites.yml"

    def __init__(self):
        self.sites = OrderedDict()

    @_chained
    def add_sites(self, *sites):
        for s in sites:
            if not isinstance(s, Site):
                raise TypeError("invalid site")
            if s.name in self.sites:
                raise DuplicateError("site {} already exists".format(s.name))
            self.sites[s.name] = s

    def __json__(self):
        return OrderedDict([("pegasus", "5.0.4"), ("sites", [s.__json__() for s in self.sites.values()])])


# --- replica catalog ----------------------------------------------------------
class File(MetadataMixin):
    def __init__(self, lfn, size=None, for_planning=False):
        if not isinstance(lfn, str):
            raise TypeError("invalid lfn: {}".format(lfn))
        self.metadata = dict()
        self.lfn = lfn
        self.size = size
        if size:
            self.metadata["size"] = size
        self.for_planning = for_planning if for_planning else None

    def __hash__(self):
        return hash(self.lfn)

    def __eq__(self, other):
        return isinstance(other, File) and self.lfn == other.lfn


class _ReplicaCatalogEntry:
    def __init__(self, lfn, pfns, checksum=dict(), metadata=dict(), regex=False):
        self.lfn = lfn
        self.pfns = pfns
        self.checksum = checksum
        self.metadata = metadata
        self.regex = regex

    def __json__(self):
        return _strip_nones(OrderedDict([
            ("lfn", self.lfn), ("pfns", [{"site": s, "pfn": p} for s, p in self.pfns]),
            ("checksum", dict(self.checksum) if len(self.checksum) > 0 else None),
            ("metadata", dict(self.metadata) if len(self.metadata) > 0 else None),
            ("regex", self.regex if self.regex else None),
        ]))


class ReplicaCatalog(_Writable):
    _DEFAULT_FILENAME = "replicas.yml"

    def __init__(self):
        self.entries = OrderedDict()

    @_chained
    def add_regex_replica(self, site, pattern, pfn, metadata={}):
        if (pattern, True) in self.entries:
            raise DuplicateError("Pattern: {} already exists in this replica catalog".format(pattern))
        self.entries[(pattern, True)] = _ReplicaCatalogEntry(pattern, [(site, str(pfn))], metadata=metadata, regex=True)

    # The real API's default dicts are shared between calls; so are these.
    @_chained
    def add_replica(self, site, lfn, pfn, checksum=dict(), metadata=dict()):
        if isinstance(lfn, File):
            if lfn.metadata:
                metadata.update(lfn.metadata)
            lfn = lfn.lfn
        for checksum_type in checksum:
            if checksum_type.lower() != "sha256":
                raise ValueError("Invalid checksum: {}".format(checksum_type))
        if (lfn, False) in self.entries:
            entry = self.entries[(lfn, False)]
            if (site, str(pfn)) not in entry.pfns:
                entry.pfns.append((site, str(pfn)))
            entry.checksum.update(checksum)
            entry.metadata.update(metadata)
        else:
            self.entries[(lfn, False)] = _ReplicaCatalogEntry(lfn, [(site, str(pfn))], checksum=checksum, metadata=metadata)

    def __json__(self):
        return OrderedDict([("pegasus", "5.0.4"), ("replicas", [e.__json__() for e in self.entries.values()])])


# --- transformation catalog -----------------------------------------------------
class _ContainerType(Enum):
    DOCKER = "docker"
    SINGULARITY = "singularity"
    SHIFTER = "shifter"


class Container(ProfileMixin):
    DOCKER = _ContainerType.DOCKER
    SINGULARITY = _ContainerType.SINGULARITY
    SHIFTER = _ContainerType.SHIFTER

    def __init__(self, name, container_type, image, arguments=None, mounts=None, image_site=None, checksum=None, metadata=None, bypass_staging=False):
        self.name = name
        self.container_type = _enum(container_type, _ContainerType)
        self.image = image
        self.mounts = mounts
        self.image_site = image_site
        self.checksum = checksum
        if metadata:
            raise NotImplementedError("Metadata support for Containers is not yet supported")
        self.profiles = defaultdict(OrderedDict)
        if arguments:
            self.add_pegasus_profile(container_arguments=arguments)
        self.bypass = bypass_staging if bypass_staging else None

    def __json__(self):
        return _strip_nones(OrderedDict([
            ("name", self.name), ("type", self.container_type), ("image", self.image), ("mounts", self.mounts),
            ("bypass", self.bypass), ("image.site", self.image_site), ("checksum", self.checksum),
            ("profiles", _profiles_json(self.profiles)),
        ]))


class TransformationSite(ProfileMixin, MetadataMixin):
    def __init__(self, name, pfn, is_stageable=False, bypass_staging=False, arch=None, os_type=None, os_release=None, os_version=None, container=None):
        self.name = name
        self.pfn = str(pfn)
        self.transformation_type = "stageable" if is_stageable else "installed"
        self.bypass = None
        if bypass_staging:
            if not is_stageable:
                raise ValueError("bypass_staging can only be used when is_stageable is set to True")
            self.bypass = bypass_staging
        self.arch = _enum(arch, Arch)
        self.os_type = _enum(os_type, OS)
        self.os_release = os_release
        self.os_version = os_version
        if container is not None and not isinstance(container, (Container, str)):
            raise TypeError("invalid container")
        self.container = container.name if isinstance(container, Container) else container
        self.profiles = defaultdict(OrderedDict)
        self.metadata = OrderedDict()

    def __json__(self):
        return _strip_nones(OrderedDict([
            ("name", self.name), ("pfn", self.pfn), ("type", self.transformation_type), ("bypass", self.bypass),
            ("arch", self.arch), ("os.type", self.os_type), ("os.release", self.os_release), ("os.version", self.os_version),
            ("container", self.container), ("profiles", _profiles_json(self.profiles)),
            ("metadata", dict(self.metadata) if len(self.metadata) > 0 else None),
        ]))


class Transformation(ProfileMixin, HookMixin, MetadataMixin):
    def __init__(self, name, namespace=None, version=None, site=None, pfn=None, is_stageable=False, bypass_staging=False,
                 arch=None, os_type=None, os_release=None, os_version=None, container=None, checksum=None):
        self.name = name
        self.namespace = namespace
        self.version = version
        self.sites = OrderedDict()
        self.requires = []
        self.hooks = defaultdict(list)
        self.profiles = defaultdict(OrderedDict)
        self.metadata = OrderedDict()
        if site and pfn:
            self.add_sites(TransformationSite(site, pfn, is_stageable, bypass_staging, arch, os_type, os_release, os_version, container))
        self.checksum = checksum

    def _key(self):
        return "{}::{}::{}".format(self.namespace, self.name, self.version)

    @_chained
    def add_sites(self, *transformation_sites):
        for ts in transformation_sites:
            if not isinstance(ts, TransformationSite):
                raise TypeError("invalid transformation_site")
            if ts.name in self.sites:
                raise DuplicateError("transformation site: {} has already been added".format(ts.name))
            self.sites[ts.name] = ts

    @_chained
    def add_requirement(self, required_transformation, namespace=None, version=None):
        if isinstance(required_transformation, Transformation):
            t = required_transformation
            key = (t.namespace + "::" if t.namespace else "") + t.name + (":" + t.version if t.version else "")
        elif isinstance(required_transformation, str):
            for value in (namespace, required_transformation, version):
                if ":" in str(value):
                    raise ValueError("must not contain ':' characters")
            key = (namespace + "::" if namespace else "") + required_transformation + (":" + version if version else "")
        else:
            raise TypeError("invalid required_transformation")
        if key in self.requires:
            raise DuplicateError("transformation: {} already added as a required transformation".format(key))
        self.requires.append(key)

    def __json__(self):
        return _strip_nones(OrderedDict([
            ("namespace", self.namespace), ("name", self.name), ("version", self.version),
            ("requires", list(self.requires) if len(self.requires) > 0 else None),
            ("sites", [s.__json__() for s in self.sites.values()]), ("profiles", _profiles_json(self.profiles)),
            ("hooks", _hooks_json(self.hooks)), ("metadata", dict(self.metadata) if len(self.metadata) > 0 else None),
            ("checksum", self.checksum),
        ]))


class TransformationCatalog(_Writable):
    _DEFAULT_FILENAME = "transformations.yml"

    def __init__(self):
        self.transformations = OrderedDict()
        self.containers = OrderedDict()

    @_chained
    def add_transformations(self, *transformations):
        for tr in transformations:
            if not isinstance(tr, Transformation):
                raise TypeError("invalid transformation")
            if tr._key() in self.transformations:
                raise DuplicateError("transformation: {} has already been added".format(tr._key()))
            self.transformations[tr._key()] = tr

    @_chained
    def add_containers(self, *containers):
        for c in containers:
            if not isinstance(c, Container):
                raise TypeError("invalid container")
            if c.name in self.containers:
                raise DuplicateError("container: {} has already been added".format(c.name))
            self.containers[c.name] = c

    def __json__(self):
        return _strip_nones(OrderedDict([
            ("pegasus", "5.0.4"), ("transformations", [t.__json__() for t in self.transformations.values()]),
            ("containers", [c.__json__() for c in self.containers.values()] if len(self.containers) > 0 else None),
        ]))


# --- workflow -------------------------------------------------------------------
class _Use:
    def __init__(self, file, link_type, stage_out=True, register_replica=True, bypass_staging=False):
        if not isinstance(file, File):
            raise TypeError("invalid file")
        if link_type != "input" and bypass_staging:
            raise ValueError("bypass can only be set to True when link type is INPUT")
        self.file = file
        self._type = link_type
        self.stage_out = stage_out
        self.register_replica = register_replica
        self.bypass = bypass_staging if bypass_staging else None

    def __hash__(self):
        return hash(self.file)

    def __eq__(self, other):
        return self.file.lfn == other.file.lfn

    def __json__(self):
        return _strip_nones(OrderedDict([
            ("lfn", self.file.lfn), ("metadata", dict(self.file.metadata) if len(self.file.metadata) > 0 else None),
            ("size", self.file.size), ("forPlanning", self.file.for_planning), ("type", self._type),
            ("stageOut", self.stage_out), ("registerReplica", self.register_replica), ("bypass", self.bypass),
        ]))


class AbstractJob(HookMixin, ProfileMixin, MetadataMixin):
    def __init__(self, _id=None, node_label=None):
        self._id = _id
        self.node_label = node_label
        self.args = []
        self.uses = OrderedDict()
        self.stdout = None
        self.stderr = None
        self.stdin = None
        self.hooks = defaultdict(list)
        self.profiles = defaultdict(OrderedDict)
        self.metadata = OrderedDict()

    def _add_use(self, use):
        # A dict keyed by lfn, like the API's set of _Use (equal when the lfn is).
        if use.file.lfn in self.uses:
            raise DuplicateError("file: {} has already been added to this job".format(use.file.lfn))
        self.uses[use.file.lfn] = use

    @_chained
    def add_inputs(self, *input_files, bypass_staging=False):
        for file in input_files:
            if not isinstance(file, (File, str)):
                raise TypeError("invalid input_file")
            file = File(file) if isinstance(file, str) else file
            self._add_use(_Use(file, "input", register_replica=None, stage_out=None, bypass_staging=bypass_staging))

    @_chained
    def add_outputs(self, *output_files, stage_out=True, register_replica=True):
        for file in output_files:
            if not isinstance(file, (File, str)):
                raise TypeError("invalid output_file")
            file = File(file) if isinstance(file, str) else file
            self._add_use(_Use(file, "output", stage_out=stage_out, register_replica=register_replica))

    @_chained
    def add_checkpoint(self, checkpoint_file, stage_out=True, register_replica=True):
        if not isinstance(checkpoint_file, (File, str)):
            raise TypeError("invalid checkpoint_file")
        file = File(checkpoint_file) if isinstance(checkpoint_file, str) else checkpoint_file
        self._add_use(_Use(file, "checkpoint", stage_out=stage_out, register_replica=register_replica))

    @_chained
    def add_args(self, *args):
        for a in args:
            if not isinstance(a, (File, int, float, str)):
                raise TypeError("invalid arg: {}".format(a))
        self.args.extend(args)

    @_chained
    def set_stdin(self, file):
        if self.stdin is not None:
            raise DuplicateError("stdin has already been set to a file")
        file = File(file) if isinstance(file, str) else file
        self.add_inputs(file)
        self.stdin = file

    @_chained
    def set_stdout(self, file, stage_out=True, register_replica=True):
        if self.stdout is not None:
            raise DuplicateError("stdout has already been set to a file")
        file = File(file) if isinstance(file, str) else file
        self.add_outputs(file, stage_out=stage_out, register_replica=register_replica)
        self.stdout = file

    @_chained
    def set_stderr(self, file, stage_out=True, register_replica=True):
        if self.stderr is not None:
            raise DuplicateError("stderr has already been set to a file")
        file = File(file) if isinstance(file, str) else file
        self.add_outputs(file, stage_out=stage_out, register_replica=register_replica)
        self.stderr = file

    def __json__(self):
        return _strip_nones(OrderedDict([
            ("id", self._id), ("stdin", self.stdin.lfn if self.stdin else None),
            ("stdout", self.stdout.lfn if self.stdout else None), ("stderr", self.stderr.lfn if self.stderr else None),
            ("nodeLabel", self.node_label), ("arguments", [a.lfn if isinstance(a, File) else a for a in self.args]),
            ("uses", [u.__json__() for u in self.uses.values()]), ("profiles", _profiles_json(self.profiles)),
            ("metadata", dict(self.metadata) if len(self.metadata) > 0 else None), ("hooks", _hooks_json(self.hooks)),
        ]))


class Job(AbstractJob):
    def __init__(self, transformation, _id=None, node_label=None, namespace=None, version=None):
        if isinstance(transformation, Transformation):
            self.transformation = transformation.name
            self.namespace = transformation.namespace
            self.version = transformation.version
        elif isinstance(transformation, str):
            self.transformation = transformation
            self.namespace = namespace
            self.version = version
        else:
            raise TypeError("invalid transformation")
        AbstractJob.__init__(self, _id=_id, node_label=node_label)

    def __json__(self):
        j = OrderedDict([("type", "job"), ("namespace", self.namespace), ("version", self.version), ("name", self.transformation)])
        j.update(AbstractJob.__json__(self))
        return _strip_nones(j)


class SubWorkflow(AbstractJob):
    def __init__(self, file, is_planned=False, _id=None, node_label=None):
        AbstractJob.__init__(self, _id=_id, node_label=node_label)
        if not isinstance(file, (File, str)):
            raise TypeError("invalid file")
        self.type = "condorWorkflow" if is_planned else "pegasusWorkflow"
        self.file = file.lfn if isinstance(file, File) else file
        self._planner_args_already_set = False
        self.add_inputs(File(self.file, for_planning=True))

    @_chained
    def add_planner_args(self, *, conf=None, basename=None, job_prefix=None, cluster=None, sites=None, output_sites=None,
                         staging_sites=None, cache=None, input_dirs=None, output_dir=None, dir=None, relative_dir=None,
                         random_dir=False, relative_submit_dir=None, inherited_rc_files=None, cleanup=None, reuse=None,
                         verbose=0, quiet=0, force=False, force_replan=False, forward=None, submit=False, java_options=None,
                         **properties):
        if self.type == "condorWorkflow":
            raise PegasusError("add_planner_args() only for SubWorkflows that have not been planned")
        if self._planner_args_already_set:
            raise PegasusError("SubWorkflow.add_planner_args() can only be invoked once")
        self._planner_args_already_set = True
        for k, v in properties.items():
            self.add_args("-D{}={}".format(k, v))
        if basename:
            self.add_args("--basename", basename)
        if job_prefix:
            self.add_args("--job-prefix", job_prefix)
        if conf:
            self.add_args("--conf", str(conf))
        if cluster:
            self.add_args("--cluster", ",".join(cluster))
        if sites:
            self.add_args("--sites", ",".join(sites))
        if output_sites:
            self.add_args("--output-sites", ",".join(output_sites))
        if staging_sites:
            self.add_args("--staging-site", ",".join("{}={}".format(s, ss) for s, ss in staging_sites.items()))
        if cache:
            self.add_args("--cache", ",".join(str(c) for c in cache))
        if input_dirs:
            self.add_args("--input-dir", ",".join(str(d) for d in input_dirs))
        if output_dir:
            self.add_args("--output-dir", str(output_dir))
        if dir:
            self.add_args("--dir", str(dir))
        if relative_dir:
            self.add_args("--relative-dir", str(relative_dir))
        if relative_submit_dir:
            self.add_args("--relative-submit-dir", str(relative_submit_dir))
        if random_dir:
            self.add_args("--randomdir" if random_dir is True else "--randomdir={}".format(random_dir))
        if inherited_rc_files:
            self.add_args("--inherited-rc-files", ",".join(str(f) for f in inherited_rc_files))
        if cleanup:
            self.add_args("--cleanup", cleanup)
        if reuse:
            self.add_args("--reuse", ",".join(str(p) for p in reuse))
        if verbose > 0:
            self.add_args("-" + "v" * verbose)
        if quiet > 0:
            self.add_args("-" + "q" * quiet)
        if force:
            self.add_args("--force")
        if force_replan:
            self.add_args("--force-replan")
        for opt in forward or []:
            self.add_args("--forward", opt)
        if submit:
            self.add_args("--submit")
        for opt in java_options or []:
            self.add_args("-X{}".format(opt))

    def __json__(self):
        j = OrderedDict([("type", self.type), ("file", self.file)])
        j.update(AbstractJob.__json__(self))
        return j


class Workflow(_Writable, HookMixin, ProfileMixin, MetadataMixin):
    _DEFAULT_FILENAME = "workflow.yml"

    def __init__(self, name, infer_dependencies=True):
        if any(c in name for c in "/ "):
            raise ValueError("Invalid workflow name: {}".format(name))
        self.name = name
        self.infer_dependencies = infer_dependencies
        self.sequence = 1
        self.jobs = OrderedDict()
        self.dependencies = OrderedDict()
        self.site_catalog = None
        self.transformation_catalog = None
        self.replica_catalog = None
        self.hooks = defaultdict(list)
        self.profiles = defaultdict(OrderedDict)
        self.metadata = OrderedDict()

    @_chained
    def add_jobs(self, *jobs):
        for job in jobs:
            if job._id is None:
                job._id = "ID{:07d}".format(self.sequence)
                self.sequence += 1
            if job._id in self.jobs:
                raise DuplicateError("Job with id {} already added to this workflow".format(job._id))
            self.jobs[job._id] = job

    def get_job(self, _id):
        if _id not in self.jobs:
            raise NotFoundError("job with _id={} not found".format(_id))
        return self.jobs[_id]

    @_chained
    def add_site_catalog(self, sc):
        if not isinstance(sc, SiteCatalog):
            raise TypeError("invalid catalog")
        if self.site_catalog is not None:
            raise DuplicateError("a SiteCatalog has already been added to this workflow")
        self.site_catalog = sc

    @_chained
    def add_replica_catalog(self, rc):
        if not isinstance(rc, ReplicaCatalog):
            raise TypeError("invalid catalog")
        if self.replica_catalog is not None:
            raise DuplicateError("a ReplicaCatalog has already been added to this workflow")
        self.replica_catalog = rc

    @_chained
    def add_transformation_catalog(self, tc):
        if not isinstance(tc, TransformationCatalog):
            raise TypeError("invalid catalog")
        if self.transformation_catalog is not None:
            raise DuplicateError("a TransformationCatalog has already been added to this workflow")
        self.transformation_catalog = tc

    @_chained
    def add_dependency(self, job, *, parents=[], children=[]):
        # Children kept as dict keys: ordered, and a membership test is O(1) as in the API's sets.
        for parent in parents:
            children_of = self.dependencies.setdefault(parent._id, OrderedDict())
            if job._id in children_of:
                raise DuplicateError("A dependency already exists between parent id: {} and job id: {}".format(parent._id, job._id))
            children_of[job._id] = True
        if len(children) > 0:
            children_of = self.dependencies.setdefault(job._id, OrderedDict())
            for child in children:
                if child._id in children_of:
                    raise DuplicateError("A dependency already exists between job id: {} and child id: {}".format(job._id, child._id))
                children_of[child._id] = True

    def _infer_dependencies(self):
        if not self.infer_dependencies:
            return
        mapping = OrderedDict()
        for job in self.jobs.values():
            for lfn, role in ([(job.stdin.lfn, 0)] if job.stdin else []) + ([(job.stdout.lfn, 1)] if job.stdout else []) + ([(job.stderr.lfn, 1)] if job.stderr else []):
                mapping.setdefault(lfn, ([], []))[role].append(job)
            for use in job.uses.values():
                if use._type == "input":
                    mapping.setdefault(use.file.lfn, ([], []))[0].append(job)
                elif use._type == "output":
                    mapping.setdefault(use.file.lfn, ([], []))[1].append(job)
        for consumers, producers in mapping.values():
            if producers:
                producer = producers[-1]
                for consumer in consumers:
                    if consumer is producer:
                        continue
                    try:
                        self.add_dependency(producer, children=[consumer])
                    except DuplicateError:
                        pass

    def __json__(self):
        w = OrderedDict([("pegasus", "5.0.4"), ("name", self.name)])
        w["hooks"] = _hooks_json(self.hooks)
        w["profiles"] = _profiles_json(self.profiles)
        w["metadata"] = dict(self.metadata) if len(self.metadata) > 0 else None
        if self.site_catalog is not None:
            sc = self.site_catalog.__json__()
            del sc["pegasus"]
            w["siteCatalog"] = sc
        if self.replica_catalog is not None:
            rc = self.replica_catalog.__json__()
            del rc["pegasus"]
            w["replicaCatalog"] = rc
        if self.transformation_catalog is not None:
            tc = self.transformation_catalog.__json__()
            del tc["pegasus"]
            w["transformationCatalog"] = tc
        w["jobs"] = [j.__json__() for j in self.jobs.values()]
        w["jobDependencies"] = [OrderedDict([("id", p), ("children", list(c))]) for p, c in self.dependencies.items()] if self.dependencies else None
        return _strip_nones(w)

    @_chained
    def write(self, file=None, _format="yml"):
        self._infer_dependencies()
        _Writable.write(self, file, _format)
