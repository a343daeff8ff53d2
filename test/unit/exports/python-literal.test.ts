import { describe, expect, it } from 'vitest';
import { plannerArgsCall } from '../../../src/shared/formats/python-api/planner-args';
import { NameAllocator } from '../../../src/shared/formats/python-api/names';
import {
  isPythonIdentifier,
  pyKeywords,
  pyScalar,
  pyString,
} from '../../../src/shared/formats/python-api/python-literal';

describe('Python literals', () => {
  it('quotes strings with escapes Python reads back', () => {
    expect(pyString('a "b" \\ c\n\t')).toBe('"a \\"b\\" \\\\ c\\n\\t"');
    expect(pyString('caf\u00e9 \u2028 \u0001')).toBe('"caf\u00e9 \\u2028 \\x01"');
  });

  it('writes numbers so that the API writes the same YAML text', () => {
    expect(pyScalar(3)).toBe('3');
    expect(pyScalar(2.5)).toBe('2.5');
    expect(pyScalar({ kind: 'number', text: '1.0' })).toBe('1.0');
    expect(pyScalar({ kind: 'number', text: '1e3' })).toBe('"1e3"');
    expect(pyScalar({ kind: 'number', text: '007' })).toBe('"007"');
    expect(pyScalar({ kind: 'number', text: '1.50' })).toBe('"1.50"');
    expect(pyScalar(true)).toBe('True');
    expect(pyScalar(Number.NaN)).toBe('float("nan")');
  });

  it('uses keyword arguments only for identifiers that are not keywords', () => {
    expect(isPythonIdentifier('cores')).toBe(true);
    expect(isPythonIdentifier('clusters.size')).toBe(false);
    expect(isPythonIdentifier('class')).toBe(false);
    expect(
      pyKeywords([
        ['cores', '4'],
        ['clusters.size', '2'],
        ['lambda', '1'],
      ]),
    ).toBe('cores=4, **{"clusters.size": 2, "lambda": 1}');
  });

  it('names variables after what they hold, uniquely', () => {
    const names = new NameAllocator();
    expect(names.allocate('f.b1', 'file')).toBe('f_b1');
    expect(names.allocate('f-b1', 'file')).toBe('f_b1_2');
    expect(names.allocate('2mass.fits', 'file')).toBe('file_2mass_fits');
    expect(names.allocate('File', 'file')).toBe('File_2');
    expect(names.allocate('import', 'file')).toBe('file_import');
    expect(names.allocate('...', 'file')).toBe('file');
  });
});

describe('plannerArgsCall', () => {
  it('maps the arguments add_planner_args writes back to its keywords', () => {
    const args = [
      '-Dpegasus.data.configuration=condorio',
      '--cluster',
      'horizontal',
      '--sites',
      'condorpool',
      '--output-sites',
      'local',
      '--relative-dir',
      'sub2-run',
      '--cleanup',
      'inplace',
      '-vvv',
    ];
    expect(plannerArgsCall(args)).toBe(
      'add_planner_args(cluster=["horizontal"], sites=["condorpool"], output_sites=["local"], relative_dir="sub2-run", cleanup="inplace", verbose=3, **{"pegasus.data.configuration": "condorio"})',
    );
  });

  it('handles staging sites, random dir, forward and java options', () => {
    expect(plannerArgsCall(['--staging-site', 'a=b,c=d', '--randomdir=run', '--forward', 'nogrid', '-Xmx1g'])).toBe(
      'add_planner_args(staging_sites={"a": "b", "c": "d"}, random_dir="run", forward=["nogrid"], java_options=["mx1g"])',
    );
  });

  it('refuses what it cannot reproduce exactly: other order, unknown options, plain arguments', () => {
    expect(plannerArgsCall(['--sites', 'a', '--cluster', 'horizontal'])).toBeUndefined();
    expect(plannerArgsCall(['--nocleanup'])).toBeUndefined();
    expect(plannerArgsCall(['input.txt'])).toBeUndefined();
    expect(plannerArgsCall([])).toBeUndefined();
  });
});

describe('NameAllocator at scale', () => {
  it('keeps names unique when thousands clean up to the same base', () => {
    const names = new NameAllocator();
    const given = Array.from({ length: 5000 }, () => names.allocate('é', 'file'));
    expect(new Set(given).size).toBe(5000);
    expect(given.slice(0, 3)).toEqual(['file', 'file_2', 'file_3']);
  });
});
