import type { Container } from '../../../shared/model';

/** The commands that can run each container type, first found wins. */
export const CONTAINER_RUNTIMES: Readonly<Record<Container['type'], readonly string[]>> = {
  docker: ['docker', 'podman'],
  singularity: ['apptainer', 'singularity'],
  shifter: ['shifter'],
};

/** What a job needs to run inside its container. */
export interface ContainerLaunch {
  /** Absolute path of the runtime command (e.g. `/usr/bin/apptainer`). */
  runtime: string;
  type: Container['type'];
  image: string;
  mounts: readonly string[];
}

/**
 * The command line that runs `argv` inside a container with the scratch directory mounted at
 * the same path and used as the working directory, so LFNs resolve as they do outside, as
 * PegasusLite does on a worker node. Docker-style images lose their `docker://` prefix for
 * docker/podman; Singularity takes the URL as it is.
 */
export function containerCommand(launch: ContainerLaunch, scratch: string, argv: readonly string[], env: Readonly<Record<string, string>>): string[] {
  const envArgs = (flag: string) => Object.entries(env).flatMap(([key, value]) => [flag, `${key}=${value}`]);
  switch (launch.type) {
    case 'docker':
      return [
        launch.runtime,
        'run',
        '--rm',
        '-i',
        '-v',
        `${scratch}:${scratch}`,
        ...launch.mounts.flatMap((mount) => ['-v', mount]),
        '-w',
        scratch,
        ...envArgs('-e'),
        launch.image.replace(/^docker:\/\//, ''),
        ...argv,
      ];
    case 'singularity':
      return [
        launch.runtime,
        'exec',
        '--bind',
        scratch,
        ...launch.mounts.flatMap((mount) => ['--bind', mount]),
        '--pwd',
        scratch,
        ...envArgs('--env'),
        launch.image,
        ...argv,
      ];
    case 'shifter':
      return [launch.runtime, `--image=${launch.image.replace(/^[a-z]+:\/\//, 'docker:')}`, ...argv];
  }
}

/**
 * Why an installed runtime cannot run containers now, or undefined when it can. Docker needs
 * its daemon: without `DOCKER_HOST` or the socket, every `docker run` would fail, so the job is
 * refused up front instead. Daemonless runtimes (podman, apptainer, singularity) are taken as
 * ready.
 */
export function runtimeProblem(runtime: string, exists: (file: string) => boolean, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!/(^|\/)docker$/.test(runtime)) return undefined;
  if (env.DOCKER_HOST || exists('/var/run/docker.sock')) return undefined;
  return `${runtime} is installed but its daemon is not reachable (no /var/run/docker.sock, no DOCKER_HOST)`;
}
