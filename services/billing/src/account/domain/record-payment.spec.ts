import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { API_EXAMPLE_CONTENT, created, FIFTY_PLUS_GST, paid, sent } from './billing.fixtures';
import { at, given } from './client-account.test-kit';
import { RecordPaymentCommand, recordPayment } from './record-payment.decide';

// inv-A: 114.96 (API.md example) ; inv-B: 50.00 + GST 2.50 = 52.50 ; both sent.
const twoSentInvoices = [
  created('inv-A', API_EXAMPLE_CONTENT),
  sent('inv-A', 'INV-000001'),
  created('inv-B', FIFTY_PLUS_GST),
  sent('inv-B', 'INV-000002'),
];

const payment = (amount: number, allocations: { invoiceId: string; amount: number }[]): RecordPaymentCommand => ({
  paymentId: 'pay-1',
  receiptNumber: 'REC-000001',
  currency: 'CAD',
  amount,
  paidAt: '2027-02-20T10:00:00-05:00',
  method: 'cheque',
  reference: '  ',
  allocations,
});

describe('recordPayment', () => {
  it('splits one payment across two invoices', () => {
    // 150.00 = 114.96 to inv-A + 35.04 to inv-B
    const state = given(...twoSentInvoices)
      .when((s) => recordPayment(s, payment(15000, [{ invoiceId: 'inv-A', amount: 11496 }, { invoiceId: 'inv-B', amount: 3504 }])))
      .then([
        {
          type: 'PaymentRecorded',
          data: {
            paymentId: 'pay-1',
            receiptNumber: 'REC-000001',
            currency: 'CAD',
            amount: 15000,
            // 10:00 EST (UTC−5) = 15:00Z
            paidAt: '2027-02-20T15:00:00.000Z',
            method: 'cheque',
            reference: null,
            allocations: [{ invoiceId: 'inv-A', amount: 11496 }, { invoiceId: 'inv-B', amount: 3504 }],
          },
        },
      ]);
    const a = state.invoices['inv-A'];
    const b = state.invoices['inv-B'];
    assert.deepEqual([a.status, a.amountPaid, a.outstanding, a.settledAt], ['paid', 11496, 0, '2027-02-20T15:00:00.000Z']);
    // 52.50 − 35.04 = 17.46
    assert.deepEqual([b.status, b.amountPaid, b.outstanding, b.settledAt], ['partially_paid', 3504, 1746, null]);
    assert.equal(state.payments['pay-1'].amount, 15000);
  });

  it('refuses to pay more than an invoice owes', () => {
    // inv-B owes 52.50: 52.51 is one cent too much
    given(...twoSentInvoices)
      .when((s) => recordPayment(s, payment(5251, [{ invoiceId: 'inv-B', amount: 5251 }])))
      .thenThrows('AMOUNT_EXCEEDS_OUTSTANDING', 'allocations[0].amount');
  });

  it('refuses to pay more than what is left after an earlier payment', () => {
    // 52.50 − 40.00 = 12.50 left: 12.51 is refused, 12.50 settles it
    const before = [...twoSentInvoices, at('2027-02-10T00:00:00.000Z', paid('pay-0', '2027-02-10T00:00:00.000Z', [{ invoiceId: 'inv-B', amount: 4000 }]))];
    given(...before)
      .when((s) => recordPayment(s, payment(1251, [{ invoiceId: 'inv-B', amount: 1251 }])))
      .thenThrows('AMOUNT_EXCEEDS_OUTSTANDING');
    const state = given(...before)
      .when((s) => recordPayment(s, { ...payment(1250, [{ invoiceId: 'inv-B', amount: 1250 }]), reference: 'chq 42' }))
      .then([
        {
          type: 'PaymentRecorded',
          data: {
            paymentId: 'pay-1',
            receiptNumber: 'REC-000001',
            currency: 'CAD',
            amount: 1250,
            paidAt: '2027-02-20T15:00:00.000Z',
            method: 'cheque',
            reference: 'chq 42',
            allocations: [{ invoiceId: 'inv-B', amount: 1250 }],
          },
        },
      ]);
    assert.equal(state.invoices['inv-B'].status, 'paid');
  });

  it('refuses allocations that do not add up to the amount', () => {
    // 60.00 + 30.00 = 90.00 ≠ 100.00
    given(...twoSentInvoices)
      .when((s) => recordPayment(s, payment(10000, [{ invoiceId: 'inv-A', amount: 6000 }, { invoiceId: 'inv-B', amount: 3000 }])))
      .thenThrows('ALLOCATIONS_MISMATCH', 'allocations');
  });

  it('refuses drafts, void invoices, unknown ids and other currencies', () => {
    given(created('inv-D', FIFTY_PLUS_GST))
      .when((s) => recordPayment(s, payment(100, [{ invoiceId: 'inv-D', amount: 100 }])))
      .thenThrows('INVOICE_NOT_PAYABLE', 'allocations[0].invoiceId');
    given(...twoSentInvoices, { type: 'InvoiceVoided', data: { invoiceId: 'inv-B', voidedAt: '2027-02-05T00:00:00.000Z' } })
      .when((s) => recordPayment(s, payment(100, [{ invoiceId: 'inv-B', amount: 100 }])))
      .thenThrows('INVOICE_NOT_PAYABLE');
    given(...twoSentInvoices)
      .when((s) => recordPayment(s, payment(100, [{ invoiceId: 'inv-A', amount: 50 }, { invoiceId: 'inv-Z', amount: 50 }])))
      .thenThrows('INVOICE_NOT_FOUND', 'allocations[1].invoiceId');
    given(...twoSentInvoices)
      .when((s) => recordPayment(s, { ...payment(100, [{ invoiceId: 'inv-A', amount: 100 }]), currency: 'USD' }))
      .thenThrows('CURRENCY_MISMATCH', 'currency');
  });

  it('refuses zero allocations, an invoice twice and a payment id already used', () => {
    given(...twoSentInvoices)
      .when((s) => recordPayment(s, payment(100, [{ invoiceId: 'inv-A', amount: 100 }, { invoiceId: 'inv-B', amount: 0 }])))
      .thenThrows('INVALID_AMOUNT', 'allocations[1].amount');
    given(...twoSentInvoices)
      .when((s) => recordPayment(s, payment(200, [{ invoiceId: 'inv-A', amount: 100 }, { invoiceId: 'inv-A', amount: 100 }])))
      .thenThrows('INVALID_INPUT', 'allocations[1].invoiceId');
    given(...twoSentInvoices, paid('pay-1', '2027-02-10T00:00:00.000Z', [{ invoiceId: 'inv-A', amount: 100 }]))
      .when((s) => recordPayment(s, payment(100, [{ invoiceId: 'inv-A', amount: 100 }])))
      .thenThrows('PAYMENT_ALREADY_RECORDED');
  });
});
