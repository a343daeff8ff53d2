/**
 * A question from the main process, answered in the page: an unknown host key (trusted only
 * by clicking "Trust"), a key passphrase, every keyboard-interactive prompt (a Duo menu, a
 * passcode) and a password, and the questions `htcondor annex create` asks on its terminal.
 * Answers are sent once and not kept.
 */
import { useEffect, useRef, useState } from 'react';
import type { PromptRequest } from '../../../shared/ipc';
import { getApi } from '../../api/get-api';
import { useSession } from '../../store/session';

const HEADINGS: Record<PromptRequest['kind'], string> = {
  hostKey: 'Unknown host key',
  passphrase: 'Key passphrase',
  keyboardInteractive: 'The server asks',
  password: 'Password',
  terminal: 'The remote tool asks',
};

function PromptForm({ prompt }: { prompt: PromptRequest }) {
  const [answers, setAnswers] = useState<string[]>(() => prompt.fields.map(() => ''));
  const [remember, setRemember] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const send = (answer: { answers?: string[]; trust?: boolean; cancel?: boolean; remember?: boolean }) => {
    void getApi().promptAnswer({ id: prompt.id, ...answer });
  };
  if (prompt.kind === 'hostKey') {
    return (
      <div className="prompt-body">
        <p>
          The authenticity of host <b>{prompt.title}</b> can’t be established. Check the fingerprint with the host’s administrators before you trust it.
        </p>
        <p>
          {prompt.keyType} key fingerprint:
          <code className="fingerprint" data-testid="host-key-fingerprint">
            {prompt.fingerprint}
          </code>
        </p>
        <div className="buttons">
          <button type="button" onClick={() => send({ cancel: true })}>
            Cancel
          </button>
          <button type="button" data-testid="trust-host-key" onClick={() => send({ trust: true })}>
            Trust and remember this host
          </button>
        </div>
      </div>
    );
  }
  return (
    <form
      className="prompt-body"
      onSubmit={(event) => {
        event.preventDefault();
        send({ answers, ...(remember ? { remember: true } : {}) });
      }}
    >
      <p className="prompt-title">{prompt.title}</p>
      {prompt.retry && <p className="error">That passphrase was wrong; try again.</p>}
      {prompt.instructions && <pre className="prompt-instructions">{prompt.instructions}</pre>}
      {prompt.fields.map((field, index) => (
        <label key={index} className="field">
          <span className="prompt-text" data-testid="prompt-text">
            {field.text}
          </span>
          <input
            ref={index === 0 ? first : undefined}
            type={field.secret ? 'password' : 'text'}
            autoComplete="off"
            spellCheck={false}
            data-testid={`prompt-input-${index}`}
            value={answers[index] ?? ''}
            onChange={(e) => setAnswers((all) => all.map((a, i) => (i === index ? e.target.value : a)))}
          />
        </label>
      ))}
      {prompt.remember && (
        <label className="field inline" title={prompt.remember.reason}>
          <input type="checkbox" checked={remember} disabled={!prompt.remember.allowed} onChange={(e) => setRemember(e.target.checked)} data-testid="prompt-remember" />
          Remember it in the system keyring
        </label>
      )}
      {prompt.remember && !prompt.remember.allowed && (
        <p className="hint" data-testid="prompt-remember-refusal">
          {prompt.remember.reason}
        </p>
      )}
      <div className="buttons">
        <button type="button" onClick={() => send({ cancel: true })}>
          Cancel
        </button>
        <button type="submit" data-testid="prompt-ok">
          Send
        </button>
      </div>
    </form>
  );
}

/** Shows the oldest waiting question over the window. */
export function PromptDialog() {
  const prompt = useSession((s) => s.prompts[0]);
  if (!prompt) return null;
  return (
    <div className="remote-prompt-backdrop">
      <div className="remote-prompt" role="dialog" aria-modal="true" aria-label={HEADINGS[prompt.kind]} data-testid="prompt" data-prompt-kind={prompt.kind}>
        <h2>{HEADINGS[prompt.kind]}</h2>
        <PromptForm key={prompt.id} prompt={prompt} />
      </div>
    </div>
  );
}
