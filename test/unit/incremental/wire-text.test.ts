import { describe, expect, it } from 'vitest';
import { parseAtPath, rememberWireText, takeWireText } from '../../../src/renderer/api/wire-text';
import { ValidationSession, loadFromText } from '../../../src/renderer/validation/validation-session';
import { montageLike } from '../../e2e/scale/scale-workflows';

describe('a large document handed to the validation worker as the JSON it arrived in', () => {
  it('gives the text once, for the very object parsed from it', () => {
    const reply = { id: 7, response: { ok: true, value: { bundle: { workflow: montageLike(50) } } } };
    const text = JSON.stringify(reply);
    const parsed = JSON.parse(text) as typeof reply;
    const workflow = parsed.response.value.bundle.workflow;
    rememberWireText(workflow, text, ['response', 'value', 'bundle', 'workflow']);
    expect(takeWireText({ ...workflow })).toBeUndefined();
    const wire = takeWireText(workflow)!;
    expect(parseAtPath(wire.text, wire.path)).toEqual(workflow);
    expect(takeWireText(workflow)).toBeUndefined();
  });

  it('finds nothing at a path the text does not have, own keys only', () => {
    expect(parseAtPath('{"a":{"b":1}}', ['a', 'c'])).toBeUndefined();
    expect(parseAtPath('{"a":{}}', ['a', 'constructor'])).toBeUndefined();
    expect(parseAtPath('{"a":[5]}', ['a', '0'])).toBe(5);
  });

  it('checks a load from text exactly as a load of the object', () => {
    const workflow = montageLike(200);
    const text = JSON.stringify({ response: { value: { bundle: { workflow } } } });
    const fromText = new ValidationSession().load(1, loadFromText({ kind: 'loadText', seq: 1, text, path: ['response', 'value', 'bundle', 'workflow'], catalogs: {} }).workflow, {});
    const fromObject = new ValidationSession().load(1, workflow, {});
    const diagnostics = (reply: typeof fromText): unknown => (reply && 'diagnostics' in reply ? reply.diagnostics : undefined);
    expect(diagnostics(fromText)).toEqual(diagnostics(fromObject));
    expect((diagnostics(fromObject) as unknown[]).length).toBeGreaterThan(0);
  });
});
