import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Order } from './order.entity';

@Injectable()
export class ReportsService {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}

  async ordersForCustomer(customer: string, status?: string) {
    const qb = this.orders
      .createQueryBuilder('o')
      .where(`o.customerName = '${customer}'`); // bench: vuln CWE-89
    if (status) {
      qb.andWhere('o.status = :status', { status });
    }
    return qb.orderBy('o.createdAt', 'DESC').take(100).getMany();
  }
}

@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('orders')
  orders(@Query('customer') customer: string, @Query('status') status?: string) {
    return this.reports.ordersForCustomer(customer, status);
  }
}
