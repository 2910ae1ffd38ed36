// Two-step login: password, then a one-time code sent by SMS.
const express = require('express');
const { users, otps } = require('./store');
const { sendSms } = require('./sms');
const { verifyPassword } = require('./passwords');
const logger = require('./logger');

const router = express.Router();

function generateOtp() {
  return String(Math.floor(100000 + Math.random() * 900000)); // bench: vuln CWE-338
}

router.post('/login', async (req, res) => {
  const { phone, password } = req.body;
  const user = await users.findByPhone(phone);
  if (!user || !(await verifyPassword(user, password))) {
    return res.status(401).json({ error: 'Invalid credentials' });
  }
  const code = generateOtp();
  await otps.save(user.id, code, Date.now() + 5 * 60 * 1000);
  await sendSms(phone, `Your login code is ${code}`);
  res.json({ next: 'otp' });
});

router.post('/login/otp', async (req, res) => {
  const { phone, otp } = req.body;
  const user = await users.findByPhone(phone);
  logger.info('OTP verification attempt', { phone, otp }); // bench: vuln CWE-532
  const valid = user && (await otps.consume(user.id, otp));
  if (!valid) return res.status(401).json({ error: 'Invalid code' });
  req.session.userId = user.id;
  res.json({ ok: true });
});

module.exports = router;
