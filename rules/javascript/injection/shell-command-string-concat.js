const { exec, execSync } = require('child_process');
const { promisify } = require('util');
const path = require('path');
const quote = require('shell-quote').quote;

const execAsync = promisify(exec);
const FFMPEG = '/usr/bin/ffmpeg';

async function makeThumbnail(input, output, width) {
  // ruleid: javascript.shell-command-string-concat
  await execAsync(`ffmpeg -i ${input} -vf scale=${width}:-1 ${output}`);
}

function checkout(repoDir, branch) {
  // ruleid: javascript.shell-command-string-concat
  return execSync('git -C ' + repoDir + ' checkout ' + branch).toString();
}

function compress(file, cb) {
  const cmd = `gzip -9 ${file}`;
  // ruleid: javascript.shell-command-string-concat
  exec(cmd, cb);
}

function backupDatabase(name) {
  // ruleid: javascript.shell-command-string-concat
  exec(`pg_dump ${name} > /backups/${name}.sql`, (err) => {
    if (err) console.error('backup failed', err);
  });
}

function version() {
  // ok: javascript.shell-command-string-concat
  return execSync(`${FFMPEG} -version`).toString();
}

function tail(lines) {
  // ok: javascript.shell-command-string-concat
  return execSync(`tail -n ${parseInt(lines, 10)} /var/log/app.log`).toString();
}

function quoted(file) {
  // ok: javascript.shell-command-string-concat
  return execSync(`wc -l ${quote([file])}`).toString();
}

function build() {
  // ok: javascript.shell-command-string-concat
  execSync('npm run build', { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
}

module.exports = { makeThumbnail, checkout, compress, backupDatabase, version, tail, quoted, build };
