import type { Site, SiteCatalog } from '../model/catalogs';

/**
 * Starting points for the site catalog editor.
 *
 * `local` is the submit host; `condorpool` the HTCondor pool of the Pegasus tutorials; and the
 * ACCESS Pegasus layout (reference: access-examples.md) has `local` as the submit host with its
 * scratch and output directories under the workflow directory, and `compute` as the execution
 * site, as the host publishes it.
 */

/** The submit host, with scratch and output directories under `baseDir` (an absolute path). */
export function localSite(baseDir: string): Site {
  const base = baseDir.replace(/\/+$/, '');
  return {
    name: 'local',
    arch: 'x86_64',
    osType: 'linux',
    directories: [
      { type: 'sharedScratch', path: `${base}/scratch`, sharedFileSystem: false, fileServers: [{ url: `file://${base}/scratch`, operation: 'all' }] },
      { type: 'localStorage', path: `${base}/output`, sharedFileSystem: false, fileServers: [{ url: `file://${base}/output`, operation: 'all' }] },
    ],
  };
}

/** An HTCondor pool reached through the submit host, as in the Pegasus tutorials. */
export function condorpoolSite(): Site {
  return {
    name: 'condorpool',
    arch: 'x86_64',
    osType: 'linux',
    directories: [],
    profiles: { condor: { universe: 'vanilla' }, pegasus: { style: 'condor', 'data.configuration': 'condorio' } },
  };
}

/**
 * The `compute` execution site as the ACCESS Pegasus host publishes it
 * (hosted-site-catalogs/access-pegasus.yml): container universe, style condor. With
 * `forAnnex`, jobs also stay off the test pool so that they run on the user's own annex.
 */
export function accessComputeSite(forAnnex = false): Site {
  return {
    name: 'compute',
    directories: [],
    profiles: {
      condor: { universe: 'container', ...(forAnnex ? { requirements: 'TestPool =!= True' } : {}) },
      env: { LANG: 'C', PYTHONUNBUFFERED: '1' },
      pegasus: { style: 'condor' },
    },
  };
}

export type SiteCatalogPreset = 'local-condorpool' | 'access-pegasus' | 'access-pegasus-annex';

/** A whole site catalog to start from. */
export function siteCatalogPreset(preset: SiteCatalogPreset, baseDir: string): SiteCatalog {
  if (preset === 'local-condorpool') return { sites: [localSite(baseDir), condorpoolSite()] };
  return { sites: [localSite(baseDir), accessComputeSite(preset === 'access-pegasus-annex')] };
}
