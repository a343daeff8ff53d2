import { describe, expect, it } from 'vitest';
import { checkReplica } from '../../../src/shared/catalogs/check-replica';
import { checkSite } from '../../../src/shared/catalogs/check-site';
import { checkContainer, checkTransformation } from '../../../src/shared/catalogs/check-transformation';
import { siteCatalogPreset } from '../../../src/shared/catalogs/presets';
import type { TransformationCatalog } from '../../../src/shared/model';

const paths = (issues: Array<{ path: Array<string | number> }>) => issues.map((item) => item.path.join('.'));

describe('replica form', () => {
  it('accepts a plain replica and a regex replica with group references', () => {
    expect(checkReplica({ lfn: 'f.a', pfns: [{ site: 'local', pfn: '/data/f.a' }] })).toEqual([]);
    expect(checkReplica({ lfn: 'raw_(\\d+)\\.dat', regex: true, pfns: [{ site: 'local', pfn: 'file:///data/raw/[1].dat' }] })).toEqual([]);
  });

  it('points at each wrong field', () => {
    const issues = checkReplica({ lfn: '', pfns: [{ site: '', pfn: 'data/f.a' }], checksum: { sha256: 'abc' } });
    expect(paths(issues)).toEqual(['lfn', 'pfns.0.site', 'pfns.0.pfn', 'checksum.sha256']);
    expect(issues.find((item) => item.path[2] === 'pfn')?.severity).toBe('warning');
    expect(paths(checkReplica({ lfn: '(a', regex: true, pfns: [{ site: 'local', pfn: '/x' }] }))).toEqual(['lfn']);
    expect(checkReplica({ lfn: 'r_(\\d+)', regex: true, pfns: [{ site: 'local', pfn: '/x/[2]' }] })[0]?.message).toContain('it has 1');
    expect(paths(checkReplica({ lfn: 'f', pfns: [] }))).toEqual(['pfns']);
  });
});

describe('transformation and container forms', () => {
  const catalog: TransformationCatalog = {
    transformations: [{ namespace: 'feat', name: 'helper', version: '1.0', sites: [{ name: 'local', pfn: '/opt/helper.sh', type: 'stageable' }] }],
    containers: [{ name: 'centos', type: 'singularity', image: 'docker://centos:7' }],
  };

  it('accepts a well-formed transformation', () => {
    expect(
      checkTransformation({ name: 'tool', requires: ['feat::helper:1.0'], sites: [{ name: 'condorpool', pfn: '/opt/tool', type: 'installed', container: 'centos' }] }, catalog),
    ).toEqual([]);
  });

  it('points at a missing PFN, a relative path, an unknown container and an unknown requirement', () => {
    const issues = checkTransformation(
      { name: 'to ol', requires: ['feat::nope:1.0'], sites: [{ name: 'local', pfn: 'bin/tool', type: 'stageable', container: 'ubuntu' }, { name: '', pfn: '', type: 'installed' }] },
      catalog,
    );
    expect(paths(issues)).toEqual(['name', 'sites.0.pfn', 'sites.0.container', 'sites.1.name', 'sites.1.pfn', 'requires.0']);
  });

  it('checks images and mounts by container type', () => {
    expect(checkContainer({ name: 'c', type: 'singularity', image: 'docker://centos:7', mounts: ['/data:/data:ro'] })).toEqual([]);
    expect(paths(checkContainer({ name: '', type: 'singularity', image: 'centos', mounts: ['/data'] }))).toEqual(['name', 'image', 'mounts.0']);
    expect(paths(checkContainer({ name: 'd', type: 'docker', image: 'my image' }))).toEqual(['image']);
  });
});

describe('site form', () => {
  it('accepts the starting points', () => {
    for (const preset of ['local-condorpool', 'access-pegasus', 'access-pegasus-annex'] as const) {
      for (const site of siteCatalogPreset(preset, '/home/alice/wf').sites) expect(checkSite(site)).toEqual([]);
    }
    const access = siteCatalogPreset('access-pegasus-annex', '/home/alice/wf');
    expect(access.sites.map((site) => site.name)).toEqual(['local', 'compute']);
    expect(access.sites[1]!.profiles?.condor?.requirements).toBe('TestPool =!= True');
  });

  it('points at bad enums, file servers without a scheme, and incomplete grids', () => {
    const issues = checkSite({
      name: 'hpc',
      arch: 'x64',
      directories: [{ type: 'sharedScratch', path: '/scratch', fileServers: [{ url: 'hpc.example.org/scratch', operation: 'all' }] }, { type: 'scratch' as never, fileServers: [] }],
      grids: [{ type: 'batch', contact: '', scheduler: 'slurmish' }],
    });
    expect(paths(issues)).toEqual(['arch', 'directories.0.fileServers.0.url', 'directories.1.type', 'directories.1.fileServers', 'grids.0.contact', 'grids.0.scheduler']);
  });
});
