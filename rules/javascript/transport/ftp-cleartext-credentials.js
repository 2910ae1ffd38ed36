const ftp = require('basic-ftp');
const Client = require('ftp');
const JSFtp = require('jsftp');

async function uploadReport(localFile) {
  const client = new ftp.Client();
  // ruleid: javascript.ftp-cleartext-credentials
  await client.access({
    host: 'ftp.partner.example.com',
    user: process.env.FTP_USER,
    password: process.env.FTP_PASSWORD,
  });
  await client.uploadFrom(localFile, 'reports/daily.csv');
  client.close();
}

function mirror(done) {
  const c = new Client();
  c.on('ready', () => c.list((err, list) => done(err, list)));
  // ruleid: javascript.ftp-cleartext-credentials
  c.connect({ host: 'files.example.com', user: 'deploy', password: process.env.FTP_PASSWORD });
}

// ruleid: javascript.ftp-cleartext-credentials
const legacy = new JSFtp({ host: 'legacy.example.com', user: 'backup', pass: process.env.BACKUP_PASS });

// ruleid: javascript.ftp-cleartext-credentials
const SOURCE = 'ftp://backup:hunter22@files.example.com/exports/';

// FTPS (TLS) or SFTP instead.
async function uploadReportSafe(localFile) {
  const client = new ftp.Client();
  // ok: javascript.ftp-cleartext-credentials
  await client.access({ host: 'ftp.partner.example.com', user: process.env.FTP_USER, password: process.env.FTP_PASSWORD, secure: true });
  await client.uploadFrom(localFile, 'reports/daily.csv');
}

function mirrorSafe(done) {
  const c = new Client();
  // ok: javascript.ftp-cleartext-credentials
  c.connect({ host: 'files.example.com', user: 'deploy', password: process.env.FTP_PASSWORD, secure: true });
  c.on('ready', done);
}

// SSH (ssh2) is encrypted.
const { Client: SshClient } = require('ssh2');
function runRemote(cmd) {
  const conn = new Client();
  // ok: javascript.ftp-cleartext-credentials
  conn.connect({ host: 'build.example.com', port: 22, username: 'ci', password: process.env.SSH_PASSWORD });
  return conn;
}

// Database connections are not FTP.
const { Pool } = require('pg');
// ok: javascript.ftp-cleartext-credentials
const pool = new Pool({ host: 'db', user: 'app', password: process.env.PGPASSWORD, ssl: true });

module.exports = { uploadReport, mirror, legacy, SOURCE, uploadReportSafe, mirrorSafe, runRemote, SshClient, pool };
