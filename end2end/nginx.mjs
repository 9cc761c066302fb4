// The production server, for the browser tests and `scripts/serve --production`: Debian's nginx
// with the repository's own deploy/nginx/nginx.conf, unchanged but for where things are on this
// machine (the built site's folder, a free port on 127.0.0.1, a private folder for its pid and
// temporary files, and, when run as root, the user its workers run as).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONFIG = fileURLToPath(new URL('../deploy/nginx/nginx.conf', import.meta.url));
const SITE = '/usr/share/nginx/shipshape';

function nginxBinary() {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(candidate)) return candidate;
  return 'nginx';
}

async function freePort() {
  const probe = createServer();
  await new Promise((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

/** The repository's config with this machine's paths and port; throws if its shape changed. */
export function localConfig(dist, port, dir) {
  let conf = readFileSync(CONFIG, 'utf8');
  const swap = (from, to) => {
    if (!conf.includes(from)) throw new Error(`deploy/nginx/nginx.conf no longer has \`${from}\``);
    conf = conf.split(from).join(to);
  };
  swap(SITE, resolve(dist));
  swap('listen 8080;', `listen 127.0.0.1:${port};`);
  swap('/tmp/shipshape-nginx', join(dir, 'nginx'));
  if (process.getuid?.() === 0) conf = `user ${userInfo().username};\n` + conf;
  return conf;
}

/** Starts nginx on the built site; resolves once it answers. */
export async function serveNginx(dist, port = 0) {
  if (!existsSync(join(dist, '_nginx-headers.conf'))) {
    throw new Error(`${dist} has no _nginx-headers.conf: build it with \`trunk build --release --offline\``);
  }
  const actual = port || (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-nginx-'));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, localConfig(dist, actual, dir));
  const child = spawn(nginxBinary(), ['-e', 'stderr', '-c', conf, '-g', 'daemon off;'], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    if (process.env.SHIPSHAPE_NGINX_LOG) process.stderr.write(d);
  });
  const exited = new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
  const url = `http://127.0.0.1:${actual}`;
  const deadline = Date.now() + 10000;
  for (;;) {
    const early = await Promise.race([exited, new Promise((ok) => setTimeout(() => ok(null), 50))]);
    if (early) throw new Error(`nginx exited (${early.code ?? early.signal}): ${stderr.trim()}`);
    try {
      await fetch(url + '/');
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`nginx did not answer on ${url}: ${stderr.trim()}`);
      }
    }
  }
  return {
    url,
    log: () => stderr,
    async close() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// `node nginx.mjs [DIST] [PORT]`, as `scripts/serve --production` runs it.
if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await serveNginx(process.argv[2] ?? 'dist', Number(process.argv[3] ?? 8080));
  console.log(`serving ${resolve(process.argv[2] ?? 'dist')} with nginx and deploy/nginx/nginx.conf on ${server.url}/ (Ctrl+C stops)`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
