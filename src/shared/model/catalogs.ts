import type { Hooks, Metadata, Profiles } from './profiles';
import type { Extras } from './scalar';

// ---------------------------------------------------------------- replica catalog

export interface ReplicaPfn {
  site: string;
  pfn: string;
  extra?: Extras;
}

/** One replica catalog entry. With `regex: true`, `lfn` is a Java regex and PFNs may use `[1]` groups. */
export interface Replica {
  lfn: string;
  pfns: ReplicaPfn[];
  regex?: boolean;
  checksum?: Checksum;
  metadata?: Metadata;
  extra?: Extras;
}

export interface Checksum {
  sha256?: string;
  extra?: Extras;
}

export interface ReplicaCatalog {
  /** The `pegasus:` version of a standalone file (absent when embedded). */
  pegasus?: string;
  replicas: Replica[];
  extra?: Extras;
}

// ---------------------------------------------------------------- transformation catalog

export type Arch = 'x86' | 'x86_64' | 'ppc' | 'ppc_64' | 'ppc64le' | 'ia64' | 'sparcv7' | 'sparcv9' | 'amd64' | 'aarch64';
export type OsType = 'linux' | 'sunos' | 'macosx' | 'aix' | 'windows';

/** Where a transformation's executable is: `installed` on the site, or `stageable` (copied there). */
export type TransformationSiteType = 'installed' | 'stageable';

export interface TransformationSite {
  name: string;
  pfn: string;
  type: TransformationSiteType;
  arch?: string;
  osType?: string;
  osRelease?: string;
  osVersion?: string;
  bypass?: boolean;
  container?: string;
  profiles?: Profiles;
  metadata?: Metadata;
  extra?: Extras;
}

export interface Transformation {
  namespace?: string;
  name: string;
  version?: string;
  /** Other transformations this one needs, as `ns::name:version` keys. */
  requires?: string[];
  sites: TransformationSite[];
  profiles?: Profiles;
  hooks?: Hooks;
  metadata?: Metadata;
  checksum?: Checksum;
  extra?: Extras;
}

export type ContainerType = 'docker' | 'singularity' | 'shifter';

export interface Container {
  name: string;
  type: ContainerType;
  image: string;
  imageSite?: string;
  mounts?: string[];
  bypass?: boolean;
  checksum?: Checksum;
  metadata?: Metadata;
  profiles?: Profiles;
  extra?: Extras;
}

export interface TransformationCatalog {
  pegasus?: string;
  transformations: Transformation[];
  containers?: Container[];
  extra?: Extras;
}

// ---------------------------------------------------------------- site catalog

export type DirectoryType = 'sharedScratch' | 'sharedStorage' | 'localScratch' | 'localStorage';
export type FileServerOperation = 'all' | 'put' | 'get';

export interface FileServer {
  url: string;
  operation?: FileServerOperation;
  profiles?: Profiles;
  extra?: Extras;
}

export interface Directory {
  type: DirectoryType;
  path?: string;
  sharedFileSystem?: boolean;
  freeSize?: string;
  totalSize?: string;
  fileServers: FileServer[];
  extra?: Extras;
}

export interface Grid {
  type: string;
  contact: string;
  scheduler: string;
  jobtype?: string;
  freeMem?: string;
  totalMem?: string;
  maxCount?: string;
  maxCPUTime?: string;
  runningJobs?: number;
  jobsInQueue?: number;
  idleNodes?: number;
  totalNodes?: number;
  extra?: Extras;
}

export interface Site {
  name: string;
  arch?: string;
  osType?: string;
  osRelease?: string;
  osVersion?: string;
  directories?: Directory[];
  grids?: Grid[];
  profiles?: Profiles;
  extra?: Extras;
}

export interface SiteCatalog {
  /** Written as `"5.0"` when embedded: the schema requires it there and the planner accepts it. */
  pegasus?: string;
  sites: Site[];
  extra?: Extras;
}
