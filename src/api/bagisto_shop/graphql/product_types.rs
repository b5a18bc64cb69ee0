//! GraphQL: the product types — grouped members, bundle options, downloadable links and
//! samples, customizable options, booking configurations, and `bookingSlots`.
//!
//! A `Product`'s rows of each kind come from a data loader keyed by product id, so a page of
//! products costs one round of queries per kind. Each node carries its record (labels, members,
//! tickets) in `ext`, so nested fields need no further query.
//!
//! Money is a decimal string without trailing zeros (`"9"`, `"12.5"`), as Bagisto writes it;
//! event ticket prices are converted to the request currency, as their description says.

use std::{collections::HashMap, sync::Arc};

use async_graphql::{Context, dataloader::Loader};
use polyshop_entities::{product_bundle_option_products as member_rows, product_grouped_products as association_rows};
use polyshop_graphql_shop::resolvers::{
    BookingSlotQueries, ProductBundleOptionProductQueries, ProductBundleOptionQueries, ProductDownloadableLinkQueries,
    ProductDownloadableSampleQueries, ProductGroupedProductQueries,
};
use polyshop_graphql_shop::{
    resolvers::{
        BookingProductEventTicketResolver, BookingProductResolver, ProductBundleOptionProductResolver,
        ProductBundleOptionResolver, ProductDownloadableLinkResolver, ProductDownloadableSampleResolver,
        ProductGroupedProductResolver,
    },
    types::*,
};
use polyshop_runtime::ServiceError;
use polyshop_runtime_graphql::{Connection, Extra, GqlResult, PageArgs};
use rust_decimal::Decimal;
use serde_json::json;

use super::{
    DEFAULT_PAGE, LoadContext, MAX_PAGE, RequestLoader, ShopGraph, numeric_id, page_of, product_nodes::product_by_id,
    request,
};
use polyshop_core::{
    AppState,
    catalog::product_types::{
        booking::{self, BookingRecord, SlotConfig, TicketRecord},
        bundle::{self, BundleOptionRecord},
        customizable::{self, CustomizableOptionRecord},
        downloadable::{self, LinkRecord, SampleOf, SampleRecord},
        grouped,
        slots::{self, Availability, Slot},
    },
    settings::scope::Scope,
};

fn flat_slot_node(s: &Slot) -> BookingSlot {
    BookingSlot {
        // The REST slot id is the `<from>-<to>` range, which is not an `Int`.
        slot_id: None,
        from: Some(s.from_label()),
        to: Some(s.to_label()),
        timestamp: Some(s.timestamp()),
        qty: Some(s.qty.to_string()),
        time: None,
        slots: None,
        ext: Extra::default(),
    }
}

#[async_trait::async_trait]
impl BookingSlotQueries for ShopGraph {
    async fn booking_slots(&self, ctx: &Context<'_>, args: QueryBookingSlotsArgs) -> GqlResult<Vec<BookingSlot>> {
        let date = booking::parse_date(&args.date)?;
        let scope = &request(ctx)?.scope;
        let found = booking::slots_on(&self.0.db, args.id, date, self.0.clock.now(), scope.timezone).await?;
        let availability = found.ok_or_else(|| ServiceError::not_found_id("Booking product", args.id))?;
        Ok(match availability {
            Availability::Flat(slots) => slots.iter().map(flat_slot_node).collect(),
            Availability::Hourly(groups) => groups
                .iter()
                .zip(1_i64..)
                .map(|(g, slot_id)| BookingSlot {
                    slot_id: Some(slot_id),
                    from: None,
                    to: None,
                    timestamp: None,
                    qty: None,
                    time: Some(g.label()),
                    slots: Some(g.slots.iter().map(|s| json!({"from": s.from_label(), "to": s.to_label(), "timestamp": s.timestamp(), "qty": s.qty.to_string()})).collect()),
                    ext: Extra::default(),
                })
                .collect(),
        })
    }
}

#[async_trait::async_trait]
impl BookingProductResolver for ShopGraph {
    async fn default_slot(
        &self,
        _ctx: &Context<'_>,
        parent: &BookingProduct,
    ) -> GqlResult<Option<BookingProductDefaultSlot>> {
        Ok(match config_of(parent) {
            Some(SlotConfig::Default(c)) => Some(BookingProductDefaultSlot {
                id: c.id.to_string(),
                id_: c.id,
                booking_type: Some(c.booking_type.clone()),
                duration: c.duration.map(i64::from),
                break_time: c.break_time.map(i64::from),
                slots: Some(slots::schedule_text(&c.slots)),
                ext: Extra::default(),
            }),
            _ => None,
        })
    }

    async fn appointment_slot(
        &self,
        _ctx: &Context<'_>,
        parent: &BookingProduct,
    ) -> GqlResult<Option<BookingProductAppointmentSlot>> {
        Ok(match config_of(parent) {
            Some(SlotConfig::Appointment(c)) => Some(BookingProductAppointmentSlot {
                id: c.id.to_string(),
                id_: c.id,
                booking_product_id: Some(c.booking_product_id.to_string()),
                duration: Some(c.duration.into()),
                break_time: Some(c.break_time.into()),
                same_slot_all_days: Some(flag(c.same_slot_all_days)),
                slots: Some(slots::schedule_text(&c.slots)),
                ext: Extra::default(),
            }),
            _ => None,
        })
    }

    async fn rental_slot(
        &self,
        _ctx: &Context<'_>,
        parent: &BookingProduct,
    ) -> GqlResult<Option<BookingProductRentalSlot>> {
        Ok(match config_of(parent) {
            Some(SlotConfig::Rental(c)) => Some(BookingProductRentalSlot {
                id: c.id.to_string(),
                id_: c.id,
                booking_product_id: Some(c.booking_product_id.to_string()),
                renting_type: Some(c.renting_type.clone()),
                daily_price: c.daily_price.map(|p| money(p.value())),
                hourly_price: c.hourly_price.map(|p| money(p.value())),
                same_slot_all_days: Some(flag(c.same_slot_all_days)),
                slots: Some(slots::schedule_text(&c.slots)),
                ext: Extra::default(),
            }),
            _ => None,
        })
    }

    async fn table_slot(
        &self,
        _ctx: &Context<'_>,
        parent: &BookingProduct,
    ) -> GqlResult<Option<BookingProductTableSlot>> {
        Ok(match config_of(parent) {
            Some(SlotConfig::Table(c)) => Some(BookingProductTableSlot {
                id: c.id.to_string(),
                id_: c.id,
                booking_product_id: Some(c.booking_product_id.to_string()),
                price_type: Some(c.price_type.clone()),
                guest_limit: Some(c.guest_limit.into()),
                duration: Some(c.duration.into()),
                break_time: Some(c.break_time.into()),
                prevent_scheduling_before: Some(c.prevent_scheduling_before.into()),
                same_slot_all_days: Some(flag(c.same_slot_all_days)),
                slots: Some(slots::schedule_text(&c.slots)),
                ext: Extra::default(),
            }),
            _ => None,
        })
    }

    async fn event_tickets(
        &self,
        ctx: &Context<'_>,
        parent: &BookingProduct,
        args: BookingProductEventTicketsArgs,
    ) -> GqlResult<Connection<BookingProductEventTicket>> {
        let scope = &request(ctx)?.scope;
        let tickets = parent.ext.get::<BookingRecord>().map(|r| r.tickets.as_slice()).unwrap_or_default();
        let nodes = tickets.iter().map(|t| ticket_node(scope, t)).collect();
        Connection::slice(nodes, &args.page, DEFAULT_PAGE, MAX_PAGE)
    }
}

#[async_trait::async_trait]
impl BookingProductEventTicketResolver for ShopGraph {
    async fn translation(
        &self,
        ctx: &Context<'_>,
        parent: &BookingProductEventTicket,
    ) -> GqlResult<Option<BookingProductEventTicketTranslation>> {
        let scope = &request(ctx)?.scope;
        let texts = parent.ext.get::<TicketRecord>().map(|r| r.translations.as_slice()).unwrap_or_default();
        Ok(scope.pick(texts, |t| t.locale.as_str()).cloned().map(ticket_text_node))
    }

    async fn translations(
        &self,
        _ctx: &Context<'_>,
        parent: &BookingProductEventTicket,
        args: BookingProductEventTicketTranslationsArgs,
    ) -> GqlResult<Connection<BookingProductEventTicketTranslation>> {
        let texts = parent.ext.get::<TicketRecord>().map(|r| r.translations.clone()).unwrap_or_default();
        Connection::slice(texts.into_iter().map(ticket_text_node).collect(), &args.page, DEFAULT_PAGE, MAX_PAGE)
    }
}

#[async_trait::async_trait]
impl ProductGroupedProductResolver for ShopGraph {
    async fn associated_product(
        &self,
        ctx: &Context<'_>,
        parent: &ProductGroupedProduct,
    ) -> GqlResult<Option<Product>> {
        match parent.ext.get::<association_rows::Model>() {
            Some(a) => enabled(product_by_id(ctx, a.associated_product_id).await?),
            None => Ok(None),
        }
    }
}

#[async_trait::async_trait]
impl ProductBundleOptionResolver for ShopGraph {
    async fn translation(
        &self,
        ctx: &Context<'_>,
        parent: &ProductBundleOption,
    ) -> GqlResult<Option<ProductBundleOptionTranslation>> {
        let scope = &request(ctx)?.scope;
        let labels = parent.ext.get::<BundleOptionRecord>().map(|r| r.translations.as_slice()).unwrap_or_default();
        Ok(scope.pick(labels, |t| t.locale.as_str()).map(|t| ProductBundleOptionTranslation {
            id: format!("/api/shop/product_bundle_option_translations/{}", t.id),
            id_: t.id,
            label: Some(t.label.clone()),
            ext: Extra::default(),
        }))
    }

    async fn bundle_option_products(
        &self,
        _ctx: &Context<'_>,
        parent: &ProductBundleOption,
        args: ProductBundleOptionBundleOptionProductsArgs,
    ) -> GqlResult<Connection<ProductBundleOptionProduct>> {
        let members = parent.ext.get::<BundleOptionRecord>().map(|r| r.members.clone()).unwrap_or_default();
        Connection::slice(members.into_iter().map(member_node).collect(), &args.page, DEFAULT_PAGE, MAX_PAGE)
    }
}

#[async_trait::async_trait]
impl ProductBundleOptionProductResolver for ShopGraph {
    async fn product(&self, ctx: &Context<'_>, parent: &ProductBundleOptionProduct) -> GqlResult<Option<Product>> {
        match parent.ext.get::<member_rows::Model>() {
            Some(m) => enabled(product_by_id(ctx, m.product_id).await?),
            None => Ok(None),
        }
    }
}

#[async_trait::async_trait]
impl ProductDownloadableLinkResolver for ShopGraph {
    async fn translation(
        &self,
        ctx: &Context<'_>,
        parent: &ProductDownloadableLink,
    ) -> GqlResult<Option<ProductDownloadableLinkTranslation>> {
        let scope = &request(ctx)?.scope;
        let titles = parent.ext.get::<LinkRecord>().map(|r| r.translations.as_slice()).unwrap_or_default();
        Ok(scope.pick(titles, |t| t.locale.as_str()).map(|t| ProductDownloadableLinkTranslation {
            id: format!("/api/shop/product_downloadable_link_translations/{}", t.id),
            id_: t.id,
            title: Some(t.title.clone()),
            ext: Extra::default(),
        }))
    }
}

#[async_trait::async_trait]
impl ProductDownloadableSampleResolver for ShopGraph {
    async fn translation(
        &self,
        ctx: &Context<'_>,
        parent: &ProductDownloadableSample,
    ) -> GqlResult<Option<ProductDownloadableSampleTranslation>> {
        let scope = &request(ctx)?.scope;
        let titles = parent.ext.get::<SampleRecord>().map(|r| r.translations.as_slice()).unwrap_or_default();
        Ok(scope.pick(titles, |t| t.locale.as_str()).map(|t| ProductDownloadableSampleTranslation {
            id: format!("/api/shop/product_downloadable_sample_translations/{}", t.id),
            id_: t.id,
            title: Some(t.title.clone()),
            ext: Extra::default(),
        }))
    }
}

/// The grouped members of product `product_id`, batched across the request.
pub async fn grouped_products_of(
    ctx: &Context<'_>,
    product_id: i64,
    page: &PageArgs,
) -> GqlResult<Connection<ProductGroupedProduct>> {
    let rows = request(ctx)?.loaders.get::<GroupedByProduct>().load_one(product_id).await?.unwrap_or_default();
    Connection::slice(rows.iter().cloned().map(grouped_node).collect(), page, DEFAULT_PAGE, MAX_PAGE)
}

/// The bundle options of product `product_id`, batched across the request.
pub async fn bundle_options_of(
    ctx: &Context<'_>,
    product_id: i64,
    page: &PageArgs,
) -> GqlResult<Connection<ProductBundleOption>> {
    let rows = request(ctx)?.loaders.get::<BundleOptionsByProduct>().load_one(product_id).await?.unwrap_or_default();
    Connection::slice(rows.iter().cloned().map(bundle_option_node).collect(), page, DEFAULT_PAGE, MAX_PAGE)
}

/// The downloadable links of product `product_id`, batched across the request.
pub async fn downloadable_links_of(
    ctx: &Context<'_>,
    product_id: i64,
    page: &PageArgs,
) -> GqlResult<Connection<ProductDownloadableLink>> {
    let data = request(ctx)?;
    let rows = data.loaders.get::<LinksByProduct>().load_one(product_id).await?.unwrap_or_default();
    let nodes = rows.iter().cloned().map(|r| link_node(&data.scope, r)).collect();
    Connection::slice(nodes, page, DEFAULT_PAGE, MAX_PAGE)
}

/// The downloadable samples of product `product_id`, batched across the request.
pub async fn downloadable_samples_of(
    ctx: &Context<'_>,
    product_id: i64,
    page: &PageArgs,
) -> GqlResult<Connection<ProductDownloadableSample>> {
    let data = request(ctx)?;
    let rows = data.loaders.get::<SamplesByProduct>().load_one(product_id).await?.unwrap_or_default();
    let nodes = rows.iter().cloned().map(|r| sample_node(&data.scope, r)).collect();
    Connection::slice(nodes, page, DEFAULT_PAGE, MAX_PAGE)
}

/// The booking configuration of product `product_id`, batched across the request.
pub async fn booking_products_of(
    ctx: &Context<'_>,
    product_id: i64,
    page: &PageArgs,
) -> GqlResult<Connection<BookingProduct>> {
    let data = request(ctx)?;
    let rows = data.loaders.get::<BookingsByProduct>().load_one(product_id).await?.unwrap_or_default();
    let nodes = rows.iter().cloned().map(|r| booking_node(&data.scope, r)).collect();
    Connection::slice(nodes, page, DEFAULT_PAGE, MAX_PAGE)
}

/// The customizable options of product `product_id`, batched across the request.
pub async fn customizable_options_of(
    ctx: &Context<'_>,
    product_id: i64,
    page: &PageArgs,
) -> GqlResult<Connection<ProductCustomizableOption>> {
    let loader = request(ctx)?.loaders.get::<CustomizableOptionsByProduct>();
    let rows = loader.load_one(product_id).await?.unwrap_or_default();
    Connection::slice(rows.iter().map(customizable_option_node).collect(), page, DEFAULT_PAGE, MAX_PAGE)
}

// ---- nodes ----

/// A decimal string without trailing zeros (`"9"`, `"12.5"`).
fn money(amount: Decimal) -> String {
    amount.normalize().to_string()
}

/// `"1"` or `"0"`.
fn flag(on: bool) -> String {
    if on { "1" } else { "0" }.to_owned()
}

// ---- root queries: the product types' rows by id, and catalog-wide pages of them ----------------
// (rows of disabled products are never shown; upstream's root collections only answer nested)

#[async_trait::async_trait]
impl ProductBundleOptionQueries for ShopGraph {
    async fn product_bundle_option(
        &self,
        _ctx: &Context<'_>,
        args: QueryProductBundleOptionArgs,
    ) -> GqlResult<Option<ProductBundleOption>> {
        let Some(id) = numeric_id(&args.id) else { return Ok(None) };
        Ok(bundle::find(&self.0.db, id).await?.map(bundle_option_node))
    }

    async fn product_bundle_options(
        &self,
        _ctx: &Context<'_>,
        args: QueryProductBundleOptionsArgs,
    ) -> GqlResult<Connection<ProductBundleOption>> {
        let page = page_of(&self.0, bundle::options_listing(), &args.page).await?;
        let (nodes, offset, total) = page.into_parts();
        let records = bundle::option_records(&self.0.db, nodes).await?;
        Ok(Connection::new(records.into_iter().map(bundle_option_node).collect(), offset, total))
    }
}

#[async_trait::async_trait]
impl ProductBundleOptionProductQueries for ShopGraph {
    async fn product_bundle_option_product(
        &self,
        _ctx: &Context<'_>,
        args: QueryProductBundleOptionProductArgs,
    ) -> GqlResult<Option<ProductBundleOptionProduct>> {
        let Some(id) = numeric_id(&args.id) else { return Ok(None) };
        Ok(bundle::find_member(&self.0.db, id).await?.map(member_node))
    }

    async fn product_bundle_option_products(
        &self,
        _ctx: &Context<'_>,
        args: QueryProductBundleOptionProductsArgs,
    ) -> GqlResult<Connection<ProductBundleOptionProduct>> {
        Ok(page_of(&self.0, bundle::members_listing(), &args.page).await?.map(member_node))
    }
}

#[async_trait::async_trait]
impl ProductDownloadableLinkQueries for ShopGraph {
    async fn product_downloadable_link(
        &self,
        ctx: &Context<'_>,
        args: QueryProductDownloadableLinkArgs,
    ) -> GqlResult<Option<ProductDownloadableLink>> {
        let Some(id) = numeric_id(&args.id) else { return Ok(None) };
        let scope = &request(ctx)?.scope;
        Ok(downloadable::find_link(&self.0.db, id).await?.map(|r| link_node(scope, r)))
    }

    async fn product_downloadable_links(
        &self,
        ctx: &Context<'_>,
        args: QueryProductDownloadableLinksArgs,
    ) -> GqlResult<Connection<ProductDownloadableLink>> {
        let scope = &request(ctx)?.scope;
        let page = page_of(&self.0, downloadable::links_listing(), &args.page).await?;
        let (nodes, offset, total) = page.into_parts();
        let records = downloadable::link_records(&self.0.db, nodes).await?;
        Ok(Connection::new(records.into_iter().map(|r| link_node(scope, r)).collect(), offset, total))
    }
}

#[async_trait::async_trait]
impl ProductDownloadableSampleQueries for ShopGraph {
    async fn product_downloadable_sample(
        &self,
        ctx: &Context<'_>,
        args: QueryProductDownloadableSampleArgs,
    ) -> GqlResult<Option<ProductDownloadableSample>> {
        let Some(id) = numeric_id(&args.id) else { return Ok(None) };
        let scope = &request(ctx)?.scope;
        Ok(downloadable::find_sample(&self.0.db, id).await?.map(|r| sample_node(scope, r)))
    }

    async fn product_downloadable_samples(
        &self,
        ctx: &Context<'_>,
        args: QueryProductDownloadableSamplesArgs,
    ) -> GqlResult<Connection<ProductDownloadableSample>> {
        let scope = &request(ctx)?.scope;
        let page = page_of(&self.0, downloadable::samples_listing(), &args.page).await?;
        let (nodes, offset, total) = page.into_parts();
        let records = downloadable::sample_records(&self.0.db, nodes).await?;
        Ok(Connection::new(records.into_iter().map(|r| sample_node(scope, r)).collect(), offset, total))
    }
}

#[async_trait::async_trait]
impl ProductGroupedProductQueries for ShopGraph {
    async fn product_grouped_product(
        &self,
        _ctx: &Context<'_>,
        args: QueryProductGroupedProductArgs,
    ) -> GqlResult<Option<ProductGroupedProduct>> {
        let Some(id) = numeric_id(&args.id) else { return Ok(None) };
        Ok(grouped::find(&self.0.db, id).await?.map(grouped_node))
    }

    async fn product_grouped_products(
        &self,
        _ctx: &Context<'_>,
        args: QueryProductGroupedProductsArgs,
    ) -> GqlResult<Connection<ProductGroupedProduct>> {
        Ok(page_of(&self.0, grouped::listing(), &args.page).await?.map(grouped_node))
    }
}

/// A member product as the storefront may show it: null when disabled (a grouped or bundle
/// row stays listed while its parent is enabled; the member itself may not be).
fn enabled(product: Option<Product>) -> GqlResult<Option<Product>> {
    Ok(product.filter(|p| p.status.as_deref() == Some("1")))
}

fn config_of(parent: &BookingProduct) -> Option<&SlotConfig> {
    parent.ext.get::<BookingRecord>()?.config.as_ref()
}

fn grouped_node(a: association_rows::Model) -> ProductGroupedProduct {
    ProductGroupedProduct {
        id: format!("/api/shop/product_grouped_products/{}", a.id),
        id_: a.id,
        qty: Some(a.qty.into()),
        sort_order: Some(a.sort_order.into()),
        ext: Extra::new(a),
    }
}

fn bundle_option_node(r: BundleOptionRecord) -> ProductBundleOption {
    let o = &r.option;
    ProductBundleOption {
        id: format!("/api/shop/product_bundle_options/{}", o.id),
        id_: o.id,
        type_: Some(o.type_.clone()),
        is_required: Some(flag(o.is_required)),
        sort_order: Some(o.sort_order.into()),
        ext: Extra::new(r),
    }
}

fn member_node(m: member_rows::Model) -> ProductBundleOptionProduct {
    ProductBundleOptionProduct {
        id: format!("/api/shop/product-bundle-option-products/{}", m.id),
        id_: m.id,
        qty: Some(m.qty.into()),
        is_default: Some(flag(m.is_default)),
        is_user_defined: Some(flag(m.is_user_defined)),
        sort_order: Some(m.sort_order.into()),
        ext: Extra::new(m),
    }
}

fn link_node(scope: &Scope, r: LinkRecord) -> ProductDownloadableLink {
    let l = &r.link;
    ProductDownloadableLink {
        id: format!("/api/shop/product-downloadable-links/{}", l.id),
        id_: l.id,
        type_: Some(l.type_.clone()),
        price: Some(money(l.price.value())),
        formatted_price: Some(scope.format_price(l.price.value())),
        downloads: Some(l.downloads.into()),
        sort_order: Some(l.sort_order.into()),
        file_url: l.file.as_deref().map(|f| scope.media_url(f)),
        sample_type: l.sample_type.clone(),
        sample_file: l.sample_file.clone(),
        sample_file_url: downloadable::link_has_sample(l)
            .then(|| SampleOf::Link(l.id).public_url(&scope.storefront_url())),
        sample_url: l.sample_url.clone(),
        ext: Extra::new(r),
    }
}

fn sample_node(scope: &Scope, r: SampleRecord) -> ProductDownloadableSample {
    let s = &r.sample;
    ProductDownloadableSample {
        id: format!("/api/shop/product-downloadable-samples/{}", s.id),
        id_: s.id,
        type_: Some(s.type_.clone()),
        file: s.file.clone(),
        file_url: Some(SampleOf::Sample(s.id).public_url(&scope.storefront_url())),
        url: s.url.clone(),
        sort_order: Some(s.sort_order.into()),
        ext: Extra::new(r),
    }
}

fn booking_node(scope: &Scope, r: BookingRecord) -> BookingProduct {
    let b = &r.booking;
    BookingProduct {
        id: format!("/api/shop/booking-products/{}", b.id),
        id_: b.id,
        type_: Some(b.type_.clone()),
        qty: Some(b.qty.into()),
        location: b.location.clone(),
        show_location: Some(flag(b.show_location)),
        available_every_week: Some(flag(b.available_every_week)),
        available_from: b.available_from.map(|t| scope.timestamp(t)),
        available_to: b.available_to.map(|t| scope.timestamp(t)),
        created_at: Some(scope.timestamp(b.created_at)),
        updated_at: Some(scope.timestamp(b.updated_at)),
        ext: Extra::new(r),
    }
}

fn ticket_node(scope: &Scope, r: &TicketRecord) -> BookingProductEventTicket {
    let t = &r.ticket;
    BookingProductEventTicket {
        id: t.id.to_string(),
        id_: t.id,
        booking_product_id: Some(t.booking_product_id.to_string()),
        price: Some(money(scope.convert(t.price.value()))),
        qty: Some(t.qty.into()),
        special_price: t.special_price.map(|p| money(scope.convert(p.value()))),
        special_price_from: t.special_price_from.map(|at| booking::sale_time(at, scope.timezone)),
        special_price_to: t.special_price_to.map(|at| booking::sale_time(at, scope.timezone)),
        formatted_price: Some(scope.format_price(t.price.value())),
        formatted_special_price: t.special_price.map(|p| scope.format_price(p.value())),
        ext: Extra::new(r.clone()),
    }
}

fn ticket_text_node(
    t: polyshop_entities::booking_product_event_ticket_translations::Model,
) -> BookingProductEventTicketTranslation {
    BookingProductEventTicketTranslation {
        id: format!("/api/shop/booking_product_event_ticket_translations/{}", t.id),
        id_: t.id,
        locale: Some(t.locale),
        name: Some(t.name),
        description: t.description,
        ext: Extra::default(),
    }
}

fn customizable_option_node(r: &CustomizableOptionRecord) -> ProductCustomizableOption {
    let o = &r.option;
    ProductCustomizableOption {
        id: format!("/api/shop/product_customizable_options/{}", o.id),
        id_: o.id,
        type_: Some(o.type_.clone()),
        is_required: Some(flag(o.is_required)),
        sort_order: Some(o.sort_order.into()),
        ext: Extra::default(),
    }
}

// ---- loaders: each kind of row for every product of a request at once ----

macro_rules! rows_by_product {
    ($(#[$doc:meta])* $name:ident, $record:ty, $load:path) => {
        $(#[$doc])*
        pub struct $name(AppState);

        impl RequestLoader<LoadContext> for $name {
            fn new(LoadContext { state, .. }: LoadContext) -> Self {
                $name(state)
            }
        }

        impl Loader<i64> for $name {
            type Value = Arc<Vec<$record>>;
            type Error = ServiceError;

            async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Self::Value>, Self::Error> {
                let rows = $load(&self.0.db, keys).await?;
                Ok(rows.into_iter().map(|(id, rows)| (id, Arc::new(rows))).collect())
            }
        }
    };
}

rows_by_product!(
    /// Grouped members by grouped product.
    GroupedByProduct, association_rows::Model, grouped::of_products
);
rows_by_product!(
    /// Option groups (with labels and members) by bundle product.
    BundleOptionsByProduct, BundleOptionRecord, bundle::of_products
);
rows_by_product!(
    /// Links (with titles) by downloadable product.
    LinksByProduct, LinkRecord, downloadable::links_of_products
);
rows_by_product!(
    /// Samples (with titles) by downloadable product.
    SamplesByProduct, SampleRecord, downloadable::samples_of_products
);
rows_by_product!(
    /// Booking rows (with schedule templates and tickets) by booking product.
    BookingsByProduct, BookingRecord, booking::of_products
);
rows_by_product!(
    /// Customizable options (with labels and prices) by product.
    CustomizableOptionsByProduct, CustomizableOptionRecord, customizable::of_products
);
