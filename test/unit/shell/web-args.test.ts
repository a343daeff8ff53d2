import { describe, expect, it } from 'vitest';
import { parseWebArgs } from '../../../src/main/web';
import { defaultAppDataDir } from '../../../src/main/services/workspace/create-services';

describe('npm run web arguments', () => {
  it('reads FILE, --port, repeated --root and --data, relative to the working folder', () => {
    expect(parseWebArgs(['wf/diamond.yml', '--port', '8123', '--root', 'a', '--root', '/b', '--data', 'd'], '/home/me')).toEqual({
      file: '/home/me/wf/diamond.yml',
      port: 8123,
      roots: ['/home/me/a', '/b'],
      dataDir: '/home/me/d',
    });
    expect(parseWebArgs([], '/x')).toEqual({ file: null, port: 0, roots: [], dataDir: null });
  });

  it('says what is wrong', () => {
    expect(() => parseWebArgs(['--port', '70000'], '/')).toThrow('--port: 70000 is not a port number');
    expect(() => parseWebArgs(['--port'], '/')).toThrow('--port needs a value');
    expect(() => parseWebArgs(['--root', '--port', '1'], '/')).toThrow('--root needs a value');
    expect(() => parseWebArgs(['--verbose'], '/')).toThrow('unknown option --verbose');
    expect(() => parseWebArgs(['a.yml', 'b.yml'], '/')).toThrow('one FILE only');
  });
});

describe('app data folder', () => {
  it('follows each platform as Electron does', () => {
    expect(defaultAppDataDir({}, 'linux', '/home/me')).toBe('/home/me/.config/Pegasus Canvas');
    expect(defaultAppDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/me')).toBe('/cfg/Pegasus Canvas');
    expect(defaultAppDataDir({}, 'darwin', '/Users/me')).toBe('/Users/me/Library/Application Support/Pegasus Canvas');
  });
});
