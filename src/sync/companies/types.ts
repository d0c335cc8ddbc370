/** A Shopify company as CompanyForSync reads it (src/shopify/operations/companies/CompanyForSync.graphql). */
export interface CompanyAddress {
  companyName: string;
  /** Who receives deliveries there ("Receiving dock 2"): the address's attention line. */
  recipient: string | null;
  firstName: string | null;
  lastName: string | null;
  address1: string;
  address2: string | null;
  city: string | null;
  province: string | null;
  zoneCode: string | null;
  zip: string | null;
  countryCode: string;
  phone: string | null;
}

export interface PaymentTermsTemplate {
  id: string;
  name: string;
  paymentTermsType: string;
  dueInDays: number | null;
}

export interface ShopifyCompanyLocation {
  id: string;
  name: string;
  externalId: string | null;
  phone: string | null;
  currency: string;
  updatedAt: string;
  billingAddress: CompanyAddress | null;
  shippingAddress: CompanyAddress | null;
  buyerExperienceConfiguration: { paymentTermsTemplate: PaymentTermsTemplate | null } | null;
  taxSettings: { taxExempt: boolean; taxRegistrationId: string | null; taxExemptions: string[] };
}

export interface ShopifyCompanyContact {
  id: string;
  title: string | null;
  isMainContact: boolean;
  updatedAt: string;
  customer: {
    id: string;
    firstName: string | null;
    lastName: string | null;
    defaultEmailAddress: { emailAddress: string } | null;
    defaultPhoneNumber: { phoneNumber: string } | null;
  };
  roleAssignments: { nodes: { role: { name: string }; companyLocation: { id: string } }[]; pageInfo?: { hasNextPage: boolean } };
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface ShopifyCompany {
  id: string;
  name: string;
  externalId: string | null;
  note: string | null;
  updatedAt: string;
  mainContact: { id: string } | null;
  locations: { nodes: ShopifyCompanyLocation[]; pageInfo: PageInfo };
  contacts: { nodes: ShopifyCompanyContact[]; pageInfo: PageInfo };
}
