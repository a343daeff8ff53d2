import { readPilotTokenArgv } from '../../../shared/remote/annex-command';
import type { AnnexSlot } from '../../../shared/remote/annex-status';
import { readAnnexSlots, readUsername } from '../annex/annex-service';
import { checkPilotToken, insertVmConf, type BootScriptResult } from '../../../shared/remote/jetstream-bootscript';
import type { ExecOptions, ExecResult } from '../ssh/types';

export interface JetstreamHost {
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
}

/** The two values a Jetstream2 boot script needs. The token is held in memory only. */
export interface PilotCredentials {
  username: string;
  token: string;
}

/** Shown beside the boot script and while waiting: the image powers itself off when idle. */
export const JETSTREAM_IDLE_REMINDER =
  'The instance shuts itself down after 30 minutes without jobs; start it when your workflow is submitted and its jobs are queued.';

export interface JoinWatch {
  /** Resolves with the new machines once at least one has joined the pool. */
  joined: Promise<AnnexSlot[]>;
  stop(): void;
}

/**
 * Jetstream2 instances for ACCESS Pegasus: reads the user's name and pilot token on the host,
 * writes them into the Exosphere boot script (the bootcmd rule of jetstream-bootscript.ts),
 * and watches `condor_status` until the instance joins the pool.
 */
export class JetstreamService {
  constructor(private readonly host: JetstreamHost) {}

  /** `whoami` and `~/.condor/pilot.token` on the host. The token is never logged or saved. */
  async credentials(): Promise<PilotCredentials> {
    const username = await readUsername(this.host);
    const tokenResult = await this.host.exec(readPilotTokenArgv());
    if (tokenResult.exitCode !== 0) {
      throw new Error('There is no ~/.condor/pilot.token on the ACCESS Pegasus host; ask ACCESS Pegasus support to enable Jetstream2 pilots for your account.');
    }
    const token = checkPilotToken(tokenResult.stdout);
    if (!token.ok) throw new Error(token.message);
    return { username, token: token.token };
  }

  /** The boot script with the vm-conf bootcmd inserted. */
  bootScript(script: string, credentials: PilotCredentials): BootScriptResult {
    return insertVmConf(script, credentials.username, credentials.token);
  }

  /** Machines in the pool that carry the user's AnnexName (Jetstream2 instances and annex nodes). */
  machines(username: string): Promise<AnnexSlot[]> {
    return readAnnexSlots(this.host, username);
  }

  /**
   * Polls until a machine that was not there at the start joins the pool under the user's
   * name. Errors while polling (a dropped connection) are retried at the next interval.
   */
  watchJoin(username: string, options: { intervalMs?: number; onPoll?: (slots: AnnexSlot[]) => void } = {}): JoinWatch {
    const interval = options.intervalMs ?? 10_000;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const joined = new Promise<AnnexSlot[]>((resolve, reject) => {
      let known: Set<string> | undefined;
      const poll = async () => {
        if (stopped) return;
        try {
          const slots = await this.machines(username);
          options.onPoll?.(slots);
          if (!known) known = new Set(slots.map((slot) => slot.machine));
          else {
            const fresh = slots.filter((slot) => !known!.has(slot.machine));
            if (fresh.length > 0) {
              resolve(fresh);
              return;
            }
          }
        } catch {
          // Try again at the next interval: the watch outlives a dropped connection.
        }
        if (!stopped) timer = setTimeout(() => void poll(), interval);
        else reject(new Error('stopped'));
      };
      void poll();
    });
    joined.catch(() => undefined);
    return {
      joined,
      stop: () => {
        stopped = true;
        if (timer) clearTimeout(timer);
      },
    };
  }
}
