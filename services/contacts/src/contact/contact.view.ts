import { ContactState } from './domain/contact.state';

/** The API shape of a contact (API.md), with null for every empty value. */
export interface ContactView {
  id: string;
  name: string;
  email: string | null;
  companyName: string | null;
  phone: string | null;
  color: string | null;
  billing: {
    address: { line1: string | null; line2: string | null; city: string | null; region: string | null; postalCode: string | null; country: string | null };
    language: string | null;
    currency: string;
    paymentMethod: string | null;
    paymentTermsDays: number;
  };
  status: 'active' | 'archived';
  createdAt: string;
  archivedAt: string | null;
  version: number;
}

export function toContactView(state: ContactState, version: number): ContactView {
  const p = state.profile;
  if (!p || !state.createdAt) throw new Error('contact has no profile');
  return {
    id: state.id, name: p.name, email: p.email, companyName: p.companyName, phone: p.phone, color: p.color,
    billing: { ...p.billing, address: { ...p.billing.address } },
    status: state.status, createdAt: state.createdAt, archivedAt: state.archivedAt, version,
  };
}

/** Lower case without accents: "Zoé" and "ZOE" both become "zoe". */
export const searchKey = (s: string | null | undefined) => (s ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
