// Nightly job: builds the sales report and uploads it to the partner's server.
import axios from 'axios';
import { buildSalesReport } from './reports';

const PARTNER_URL = 'https://reports.partner-example.com/api/upload';

export async function uploadNightlyReport(date: string): Promise<void> {
  const csv = await buildSalesReport(date);
  const response = await axios.post(PARTNER_URL, csv, { // bench: safe CWE-319
    auth: { username: process.env.PARTNER_USER ?? '', password: process.env.PARTNER_PASSWORD ?? '' },
    headers: { 'Content-Type': 'text/csv', 'X-Report-Date': date },
    timeout: 30_000,
  });
  if (response.status !== 201) {
    throw new Error(`upload failed with status ${response.status}`);
  }
}

if (require.main === module) {
  const date = process.argv[2] ?? new Date().toISOString().slice(0, 10);
  uploadNightlyReport(date).catch((err) => {
    console.error('nightly upload failed:', err.message);
    process.exit(1);
  });
}
