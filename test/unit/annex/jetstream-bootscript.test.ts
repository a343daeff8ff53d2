import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkPilotToken, insertVmConf, VM_CONF } from '../../../src/shared/remote/jetstream-bootscript';
import { sharedPath } from '../../support/shared-path';

const TOKEN = 'eyJhbGciOiJFUzI1NiIsImtpZCI6IlBPT0wifQ.eyJpYXQiOjE3MDAwMDAwMDAsImlzcyI6InBlZ2FzdXMifQ.c2lnbmF0dXJl_-x';
const COMMAND = `${VM_CONF} alice ${TOKEN}`;

function sample(name: string): string {
  return readFileSync(sharedPath('annex', name), 'utf8');
}

function applied(script: string, token = `${TOKEN}\n`): string {
  const result = insertVmConf(script, 'alice', token);
  if (!result.ok) throw new Error(result.message);
  return result.text;
}

describe('insertVmConf on Exosphere boot scripts', () => {
  it('puts the bootcmd block just before runcmd in the legacy cloud-config', () => {
    const original = sample('exosphere-boot-script.yml');
    const result = insertVmConf(original, 'alice', `${TOKEN}\n`);
    expect(result).toMatchObject({ ok: true, format: 'cloud-config', action: 'inserted-before-runcmd' });
    const text = result.ok ? result.text : '';
    expect(text).toBe(original.replace('\nruncmd:\n', `\nbootcmd:\n  - ${COMMAND}\nruncmd:\n`));
    // Placeholders stay for Exosphere to fill at launch.
    expect(text).toContain('package_upgrade: {install-os-updates}');
  });

  it('appends the block at the end of the cloud-config part of the multipart script, nothing else touched', () => {
    const original = sample('exosphere-boot-script-multipart.txt');
    const result = insertVmConf(original, 'alice', TOKEN);
    expect(result).toMatchObject({ ok: true, format: 'multipart', action: 'appended-at-end' });
    const text = result.ok ? result.text : '';
    expect(text).toBe(
      original.replace(
        '  - git{openstack-credential-write-files}\n',
        `  - git{openstack-credential-write-files}\nbootcmd:\n  - ${COMMAND}\n`,
      ),
    );
    expect(text.split('--=================exosphere-user-data====').length).toBe(original.split('--=================exosphere-user-data====').length);
  });

  it('appends to an existing bootcmd list instead of adding a second key', () => {
    const script = '#cloud-config\nbootcmd:\n  - echo first\n  - echo second  # a comment\n\n# trailing comment\npackages:\n  - git\n';
    const text = applied(script);
    expect(text).toBe(`#cloud-config\nbootcmd:\n  - echo first\n  - echo second  # a comment\n  - ${COMMAND}\n\n# trailing comment\npackages:\n  - git\n`);
    expect(text.match(/^bootcmd:/gm)).toHaveLength(1);
  });

  it('keeps the indentation of an unindented list', () => {
    const text = applied('#cloud-config\nbootcmd:\n- echo first\nruncmd:\n- echo run\n');
    expect(text).toBe(`#cloud-config\nbootcmd:\n- echo first\n- ${COMMAND}\nruncmd:\n- echo run\n`);
  });

  it('replaces an earlier vm-conf item (a new token) rather than adding a second', () => {
    const first = applied('#cloud-config\nruncmd:\n  - echo hi\n');
    const second = insertVmConf(first, 'alice', 'new.token.value');
    expect(second).toMatchObject({ ok: true, action: 'replaced-vm-conf' });
    const text = second.ok ? second.text : '';
    expect(text.match(/vm-conf/g)).toHaveLength(1);
    expect(text).toContain(`${VM_CONF} alice new.token.value`);
  });

  it('adds at the end when there is neither bootcmd nor runcmd, with or without a final newline', () => {
    expect(applied('#cloud-config\npackages:\n  - git\n')).toBe(`#cloud-config\npackages:\n  - git\nbootcmd:\n  - ${COMMAND}\n`);
    expect(applied('#cloud-config\npackages:\n  - git')).toBe(`#cloud-config\npackages:\n  - git\nbootcmd:\n  - ${COMMAND}\n`);
  });

  it('keeps CRLF line ends', () => {
    const text = applied('#cloud-config\r\npackages:\r\n  - git\r\nruncmd:\r\n  - echo hi\r\n');
    expect(text).toBe(`#cloud-config\r\npackages:\r\n  - git\r\nbootcmd:\r\n  - ${COMMAND}\r\nruncmd:\r\n  - echo hi\r\n`);
  });

  it('gives a cloud-config that a YAML loader reads with the command in bootcmd', () => {
    const text = applied(sample('exosphere-boot-script.yml'));
    const document = parseDocument(text.replace(/\{[a-z-]+\}/g, ''), { uniqueKeys: true });
    expect(document.errors).toEqual([]);
    expect((document.toJS() as { bootcmd: string[] }).bootcmd).toEqual([COMMAND]);
  });

  it('refuses what it cannot do safely, saying why', () => {
    expect(insertVmConf('hello world', 'alice', TOKEN)).toMatchObject({ ok: false, message: expect.stringContaining('neither a cloud-config') });
    expect(insertVmConf('#cloud-config\nbootcmd: [echo a]\n', 'alice', TOKEN)).toMatchObject({ ok: false, message: expect.stringContaining('written on one line') });
    expect(insertVmConf('#cloud-config\n', 'al ice', TOKEN)).toMatchObject({ ok: false, message: expect.stringContaining('not an ACCESS username') });
    expect(insertVmConf('#cloud-config\n', 'alice', 'abc: def')).toMatchObject({ ok: false });
    expect(insertVmConf('#cloud-config\nruncmd: [\n', 'alice', TOKEN)).toMatchObject({ ok: false, message: expect.stringContaining('does not parse') });
  });
});

describe('checkPilotToken', () => {
  it('trims the newline cat prints and refuses characters an IDTOKEN never has', () => {
    expect(checkPilotToken(`${TOKEN}\n`)).toEqual({ ok: true, token: TOKEN });
    expect(checkPilotToken('   ').ok).toBe(false);
    expect(checkPilotToken('a b').ok).toBe(false);
    expect(checkPilotToken("a'b").ok).toBe(false);
    expect(checkPilotToken('a#b').ok).toBe(false);
  });
});
