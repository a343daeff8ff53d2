/**
 * The catalog forms' validation wiring: each form runs its core check as typed, and every
 * message the check gives lands on a field the form draws (the message appears beside what
 * the user has to fix). Field edits go to the path the check reads.
 */
import { describe, expect, it } from 'vitest';
import type { Container, Replica, Site, Transformation } from '../../../src/shared/model';
import { getAt, issuesByField, listFromLines, setAt } from '../../../src/renderer/panels/catalogs/entry-path';
import {
  type FormSpec,
  containerForm,
  drawnKeys,
  fieldOfIssue,
  replicaForm,
  siteForm,
  transformationForm,
} from '../../../src/renderer/panels/catalogs/form-specs';

/** Every issue of `entry` has a field on screen; returns issue field → messages. */
function placedIssues<T>(spec: FormSpec<T>, entry: T): Map<string, string[]> {
  const keys = drawnKeys(spec as FormSpec<unknown>, entry);
  const placed = new Map<string, string[]>();
  for (const issue of spec.check(entry, undefined)) {
    const key = fieldOfIssue(keys, issue.path);
    expect(key, `no field shows ${issue.path.join('.')}: ${issue.message}`).toBeDefined();
    placed.set(key!, [...(placed.get(key!) ?? []), issue.message]);
  }
  return placed;
}

describe('replica form', () => {
  it('puts each problem at its field as the entry is typed', () => {
    let replica: Replica = replicaForm.blank();
    expect([...placedIssues(replicaForm, replica).keys()].sort()).toEqual(['lfn', 'pfns.0.pfn']);
    replica = setAt(replica, ['lfn'], 'f.a');
    replica = setAt(replica, ['pfns', 0, 'pfn'], 'data/f.a');
    expect(placedIssues(replicaForm, replica).get('pfns.0.pfn')?.[0]).toMatch(/absolute path or a URL/);
    replica = setAt(replica, ['pfns', 0, 'pfn'], '/data/f.a');
    replica = setAt(replica, ['checksum', 'sha256'], 'abc');
    expect([...placedIssues(replicaForm, replica).keys()]).toEqual(['checksum.sha256']);
    replica = setAt(replica, ['checksum', 'sha256'], 'a'.repeat(64));
    expect(placedIssues(replicaForm, replica).size).toBe(0);
  });

  it('checks a regex entry and the groups its PFNs use', () => {
    let replica: Replica = { lfn: '(.*)\\.txt', regex: true, pfns: [{ site: 'local', pfn: 'file:///data/[2].txt' }] };
    expect(placedIssues(replicaForm, replica).get('pfns.0.pfn')?.[0]).toMatch(/\[2\] refers to a group/);
    replica = setAt(replica, ['lfn'], '(.*)\\.(txt)');
    expect(placedIssues(replicaForm, replica).size).toBe(0);
    replica = setAt(replica, ['lfn'], '(.*');
    expect(placedIssues(replicaForm, replica).get('lfn')?.[0]).toMatch(/does not compile/);
  });

  it('asks for a physical copy at the list when all rows are removed', () => {
    const replica = setAt(setAt(replicaForm.blank(), ['lfn'], 'f.a'), ['pfns'], []);
    expect(placedIssues(replicaForm, replica).get('pfns')?.[0]).toMatch(/at least one physical location/);
  });
});

describe('transformation form', () => {
  it('puts site, type and name problems at their fields', () => {
    let tx: Transformation = transformationForm.blank();
    expect([...placedIssues(transformationForm, tx).keys()].sort()).toEqual(['name', 'sites.0.pfn']);
    tx = setAt(tx, ['name'], 'pre process');
    tx = setAt(tx, ['sites', 0, 'pfn'], 'https://example.org/tool');
    const placed = placedIssues(transformationForm, tx);
    expect(placed.get('name')?.[0]).toMatch(/no spaces or colons/);
    expect(placed.get('sites.0.pfn')?.[0]).toMatch(/URL means stageable/);
    tx = setAt(setAt(tx, ['name'], 'preprocess'), ['sites', 0, 'type'], 'stageable');
    expect(placedIssues(transformationForm, tx).size).toBe(0);
  });

  it('shows a requirement missing from the catalog at the requires field', () => {
    const tx: Transformation = {
      name: 'a',
      sites: [{ name: 'local', pfn: '/bin/a', type: 'installed' }],
      requires: listFromLines('ns::b:1.0\n'),
    };
    const keys = drawnKeys(transformationForm as FormSpec<unknown>, tx);
    const issues = transformationForm.check(tx, { transformations: [tx] });
    expect(issues.map((i) => fieldOfIssue(keys, i.path))).toEqual(['requires']);
  });

  it('names an unknown container at the site row', () => {
    const tx: Transformation = {
      name: 'a',
      sites: [{ name: 'condorpool', pfn: '/bin/a', type: 'installed', container: 'centos' }],
    };
    const keys = drawnKeys(transformationForm as FormSpec<unknown>, tx);
    const issues = transformationForm.check(tx, { transformations: [tx], containers: [] });
    expect(issues.map((i) => fieldOfIssue(keys, i.path))).toContain('sites.0.container');
  });
});

describe('container form', () => {
  it('checks the image for the container type and each mount line', () => {
    let container: Container = containerForm.blank();
    expect([...placedIssues(containerForm, container).keys()].sort()).toEqual(['image', 'name']);
    container = {
      ...container,
      name: 'centos',
      image: 'centos7.sif',
      mounts: listFromLines('/data:/data:ro\nbad mount\n'),
    };
    const placed = placedIssues(containerForm, container);
    expect(placed.get('image')?.[0]).toMatch(/Singularity image is a URL/);
    expect(placed.get('mounts')?.[0]).toMatch(/Write a mount as/);
    container = { ...container, image: 'docker://centos:7', mounts: ['/data:/data:ro'] };
    expect(placedIssues(containerForm, container).size).toBe(0);
  });
});

describe('site form', () => {
  it('checks directories, their file servers and grids row by row', () => {
    let site: Site = setAt(siteForm.blank(), ['name'], 'compute');
    expect(placedIssues(siteForm, site).size).toBe(0);
    site = setAt(
      site,
      ['directories'],
      [{ type: 'sharedScratch', path: 'scratch', fileServers: [{ url: 'scratch', operation: 'all' }] }],
    );
    const placed = placedIssues(siteForm, site);
    expect(placed.get('directories.0.path')?.[0]).toMatch(/absolute path/);
    expect(placed.get('directories.0.fileServers.0.url')?.[0]).toMatch(/has a scheme/);
    site = setAt(site, ['grids'], [{ type: 'batch', contact: '', scheduler: 'slurm' }]);
    expect(placedIssues(siteForm, site).get('grids.0.contact')?.[0]).toMatch(/Give the contact/);
  });

  it('accepts the ACCESS preset sites as they are', async () => {
    const { siteCatalogPreset } = await import('../../../src/shared/catalogs/presets');
    for (const site of siteCatalogPreset('access-pegasus', '/home/user/wf').sites)
      expect(placedIssues(siteForm, site).size).toBe(0);
  });
});

describe('entry paths', () => {
  it('sets a nested value without changing the original, and drops an emptied optional field', () => {
    const before: Replica = { lfn: 'f.a', pfns: [{ site: 'local', pfn: '/a' }] };
    const after = setAt(before, ['pfns', 0, 'site'], 'condorpool');
    expect(before.pfns[0]!.site).toBe('local');
    expect(getAt(after, ['pfns', 0, 'site'])).toBe('condorpool');
    expect(after.pfns).not.toBe(before.pfns);
    const withSha = setAt(before, ['checksum', 'sha256'], 'x');
    // The emptied checksum object goes with its last field: no `checksum: {}` in the file.
    expect(setAt(withSha, ['checksum', 'sha256'], undefined)).toEqual(before);
  });

  it('groups issues by their field key', () => {
    const grouped = issuesByField(replicaForm.check(replicaForm.blank(), undefined));
    expect([...grouped.keys()].sort()).toEqual(['lfn', 'pfns.0.pfn']);
  });
});
