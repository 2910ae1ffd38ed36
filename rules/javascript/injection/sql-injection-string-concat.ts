import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async salesByRegion(region: string) {
    // ruleid: javascript.sql-injection-string-concat
    return this.dataSource.query(`SELECT sum(total) FROM sales WHERE region = '${region}'`);
  }

  async salesForYear(year: number) {
    // ok: javascript.sql-injection-string-concat
    return this.dataSource.query(`SELECT sum(total) FROM sales WHERE extract(year from sold_at) = ${year}`);
  }

  async salesForProduct(productId: string) {
    // ok: javascript.sql-injection-string-concat
    return this.dataSource.query('SELECT sum(total) FROM sales WHERE product_id = $1', [productId]);
  }
}
