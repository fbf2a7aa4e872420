// Receivables aging: outstanding amounts by days past due (the due date itself is current).

export type AgingBucket = 'current' | 'days1to30' | 'days31to60' | 'days61to90' | 'over90';

export function agingBucketOf(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'days1to30';
  if (daysPastDue <= 60) return 'days31to60';
  return daysPastDue <= 90 ? 'days61to90' : 'over90';
}

export const emptyAging = (): Record<AgingBucket, number> => ({ current: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 });

export function mapAging<A, B>(amounts: Record<AgingBucket, A>, f: (amount: A) => B): Record<AgingBucket, B> {
  return {
    current: f(amounts.current),
    days1to30: f(amounts.days1to30),
    days31to60: f(amounts.days31to60),
    days61to90: f(amounts.days61to90),
    over90: f(amounts.over90),
  };
}
