import type { Container, SiteCatalog, Transformation } from '../model/catalogs';
import type { ComputeJob } from '../model/job';
import type { WorkflowBundle } from '../model/workflow';
import { computeJob, emptyWorkflow, input, jobId, output } from './build-helpers';

/** The runs the ACCESS notebook downloads (E. coli, Lenski long-term evolution experiment). */
export const VARIANT_CALLING_SRAS = ['SRR2584866', 'SRR2589044'] as const;

const REFERENCE = 'ecoli_rel606.fasta';
const INDEX_FILES = ['amb', 'ann', 'bwt', 'pac', 'sa'].map((ext) => `${REFERENCE}.${ext}`);
const CONTAINER = 'variant-calling';
/** Where the user keeps the checked-out examples; the notebook uses absolute paths here. */
const EXAMPLE_DIR = '/path/to/ACCESS-Pegasus-Examples/Bioinformatics/VariantCalling';

function memory(amount: string) {
  return { condor: { request_memory: amount } };
}

function transformations(): Transformation[] {
  const inContainer = (name: string, pfn: string, mem: string): Transformation => ({
    name,
    sites: [{ name: 'incontainer', pfn, type: 'installed', container: CONTAINER }],
    profiles: memory(mem),
  });
  const stageable = (name: string, pfn: string, mem: string): Transformation => ({
    name,
    sites: [{ name: 'local', pfn, type: 'stageable', container: CONTAINER }],
    profiles: memory(mem),
  });
  const fasterq = stageable('fasterq-dump', `${EXAMPLE_DIR}/../../tools/fasterq_dump_wrapper`, '1 GB');
  // The DAGMan category lets pegasus.properties cap concurrent downloads (dagman.fasterq-dump.maxjobs).
  fasterq.profiles = { ...fasterq.profiles, dagman: { category: 'fasterq-dump' } };
  return [
    fasterq,
    inContainer('bwa', '/opt/software/install/bwa/default/bwa', '1 GB'),
    stageable('samtools', `${EXAMPLE_DIR}/../../tools/samtools_wrapper`, '2 GB'),
    inContainer('bcftools', '/opt/software/install/bcftools/default/bin/bcftools', '1 GB'),
    inContainer('vcfutils', '/opt/software/install/bcftools/default/bin/vcfutils.pl', '1 GB'),
  ];
}

function container(): Container {
  return { name: CONTAINER, type: 'singularity', image: 'docker://pegasus/variant-calling:latest' };
}

function sites(): SiteCatalog {
  return {
    sites: [
      {
        name: 'local',
        arch: 'x86_64',
        osType: 'linux',
        directories: [
          { type: 'sharedScratch', path: `${EXAMPLE_DIR}/work`, fileServers: [{ url: `file://${EXAMPLE_DIR}/work`, operation: 'all' }] },
          { type: 'localStorage', path: `${EXAMPLE_DIR}/storage`, fileServers: [{ url: `file://${EXAMPLE_DIR}/storage`, operation: 'all' }] },
        ],
      },
      {
        name: 'osn',
        arch: 'x86_64',
        osType: 'linux',
        directories: [
          {
            type: 'sharedScratch',
            path: '/BUCKET/pegasus-workflows/variant',
            fileServers: [{ url: 's3://USER@osn/BUCKET/pegasus-workflows/variant', operation: 'all' }],
          },
        ],
      },
    ],
  };
}

/** The six jobs of one SRA run, numbered from `first`. */
function chain(sra: string, first: number): ComputeJob[] {
  const fastq = [`${sra}_1.fastq`, `${sra}_2.fastq`];
  const sam = `${sra}.aligned.sam`;
  const bam = `${sra}.aligned.bam`;
  const sorted = `${sra}.aligned.sorted.bam`;
  const raw = `${sra}_raw.bcf`;
  const variants = `${sra}_variants.bcf`;
  const final = `${sra}_final_variants.bcf`;
  return [
    computeJob({ id: jobId(first), name: 'fasterq-dump', nodeLabel: 'fasterq_dump', args: ['--split-files', sra], uses: fastq.map((f) => output(f)) }),
    computeJob({
      id: jobId(first + 1),
      name: 'bwa',
      nodeLabel: 'align_reads',
      // "-t 12" is one argument: Pegasus joins arguments with spaces, so it reaches bwa as two words.
      args: ['mem', '-t 12', REFERENCE, ...fastq],
      uses: [...INDEX_FILES.map(input), input(REFERENCE), ...fastq.map(input), output(sam)],
      stdout: sam,
      profiles: { pegasus: { cores: 6 } },
    }),
    computeJob({ id: jobId(first + 2), name: 'samtools', nodeLabel: 'sam_2_bam_converter', args: [sra], uses: [input(sam), output(bam), output(sorted)] }),
    computeJob({
      id: jobId(first + 3),
      name: 'bcftools',
      nodeLabel: 'calculate_read_coverage',
      args: ['mpileup -O b -o', raw, '-f', REFERENCE, sorted],
      uses: [input(sorted), input(REFERENCE), output(raw)],
    }),
    computeJob({ id: jobId(first + 4), name: 'bcftools', nodeLabel: 'detect_snv', args: ['call --ploidy 1 -m -v -o', variants, raw], uses: [input(raw), output(variants)] }),
    computeJob({ id: jobId(first + 5), name: 'vcfutils', nodeLabel: 'variant_calling', args: ['varFilter', variants], uses: [input(variants), output(final, true)], stdout: final }),
  ];
}

/**
 * The ACCESS Pegasus variant-calling example (access-examples.md): download paired reads
 * from SRA, index the E. coli REL606 reference with bwa, align, convert and sort with
 * samtools, call and filter SNVs with bcftools. One shared index job plus six per run:
 * 13 jobs for the two runs, every dependency inferred from files. Catalogs are embedded, as
 * the notebook does with `wf.add_*_catalog()`.
 */
export function variantCallingTemplate(name = 'variant-calling', sras: readonly string[] = VARIANT_CALLING_SRAS): WorkflowBundle {
  const workflow = emptyWorkflow(name);
  const index = computeJob({
    id: jobId(1),
    name: 'bwa',
    nodeLabel: 'ref_genome_index',
    args: ['index', REFERENCE],
    uses: [input(REFERENCE), ...INDEX_FILES.map((f) => output(f))],
  });
  workflow.jobs = [index, ...sras.flatMap((sra, i) => chain(sra, 2 + i * 6))];
  workflow.transformationCatalog = { transformations: transformations(), containers: [container()] };
  workflow.siteCatalog = sites();
  workflow.replicaCatalog = { replicas: [{ lfn: REFERENCE, pfns: [{ site: 'local', pfn: `${EXAMPLE_DIR}/ref_genome/${REFERENCE}` }] }] };
  workflow.hooks = { shell: [{ on: 'all', cmd: '/usr/share/pegasus/notification/email' }] };
  return { workflow, catalogs: {} };
}
