use chrono::{TimeZone, Utc};
use polyshop_api_cs_cart::{
    models::{ListParams, SortOrder, Store, StoreCreated, StoreInput, StoreList, StoreSortKey, StoreUpdated},
    stores::{self, CreateStoreInput, DeleteStoreInput, GetStoreInput, ListStoresInput, UpdateStoreInput},
};
use polyshop_runtime::{RequestContext, ServiceError};

use super::{input, views};
use polyshop_core::{
    AppState,
    settings::channels::{self, ChannelFilter, ChannelInput, ChannelSort, CloneParts, PROFILE_FIELDS},
};

pub struct StoresService(pub AppState);

/// CS-Cart's clone flags; payments and shipping methods are shared by every store, and the
/// rest name data this product has no per-store copy of.
const CLONE_FLAGS: &[&str] = &[
    "layouts",
    "settings",
    "profile_fields",
    "pages",
    "promotions",
    "shippings",
    "payments",
    "product_filters",
    "product_features",
    "sitemap",
    "static_data_clone",
    "products",
    "categories",
];

/// Reads the request's store fields.
fn channel_input(s: StoreInput, creating: bool) -> Result<ChannelInput, ServiceError> {
    let text = |v: &Option<polyshop_runtime::ScalarString>| v.as_ref().map(|s| s.as_str().trim().to_owned());
    let active = match text(&s.status).as_deref() {
        None => None,
        Some("A") => Some(true),
        Some("D") => Some(false),
        Some(other) => return Err(ServiceError::bad_request(format!("status: expected A or D, got `{other}`"))),
    };
    let created_at = match &s.timestamp {
        None => None,
        Some(t) => {
            let secs = t.as_str().trim().parse::<i64>().ok().and_then(|n| Utc.timestamp_opt(n, 0).single());
            Some(secs.ok_or_else(|| ServiceError::bad_request(format!("timestamp: `{t}` is not a UNIX time")))?)
        }
    };
    let clone_from = match (&s.clone_from, creating) {
        (None, _) => None,
        (Some(_), false) => return Err(ServiceError::bad_request("clone_from: stores are cloned only when created")),
        (Some(from), true) => {
            let mut parts = CloneParts::default();
            for (flag, value) in s.clone.iter().flatten() {
                if !CLONE_FLAGS.contains(&flag.as_str()) {
                    return Err(ServiceError::bad_request(format!(
                        "clone.{flag}: not a clone option ({})",
                        CLONE_FLAGS.join(", ")
                    )));
                }
                let on = input::flag(&format!("clone.{flag}"), Some(value))?.unwrap_or(false);
                match flag.as_str() {
                    "settings" => parts.settings = on,
                    "products" => parts.products = on,
                    "categories" => parts.categories = on,
                    _ => {}
                }
            }
            Some((input::id("clone_from", from)?, parts))
        }
    };
    let mut profile = std::collections::BTreeMap::new();
    let fields = [
        &s.company_name,
        &s.company_address,
        &s.company_city,
        &s.company_country,
        &s.company_state,
        &s.company_zipcode,
        &s.company_phone,
        &s.company_phone_2,
        &s.company_fax,
        &s.company_website,
        &s.company_start_year,
        &s.company_users_department,
        &s.company_site_administrator,
        &s.company_orders_department,
        &s.company_support_department,
        &s.company_newsletter_email,
    ];
    for (name, value) in PROFILE_FIELDS.iter().zip(fields) {
        if let Some(v) = text(value) {
            profile.insert((*name).to_owned(), v);
        }
    }
    Ok(ChannelInput {
        name: text(&s.company),
        hostname: text(&s.storefront),
        secure_hostname: text(&s.secure_storefront),
        email: text(&s.email),
        active,
        created_at,
        redirect_customer: input::flag("redirect_customer", s.redirect_customer.as_ref())?,
        entry_page: text(&s.entry_page),
        countries: s.countries_list.map(|l| l.iter().map(|c| c.as_str().trim().to_uppercase()).collect()),
        profile,
        clone_from,
    })
}

#[async_trait::async_trait]
impl stores::StoresService for StoresService {
    async fn list_stores(&self, _ctx: &RequestContext, input: ListStoresInput) -> Result<StoreList, ServiceError> {
        let created_at = match input.timestamp {
            Some(t) => Some(
                Utc.timestamp_opt(t, 0)
                    .single()
                    .ok_or_else(|| ServiceError::bad_request(format!("Invalid parameter `timestamp`: {t}")))?,
            ),
            None => None,
        };
        let filter = ChannelFilter { name_contains: input.company.clone().filter(|c| !c.is_empty()), created_at };
        let sort_by = input.sort_by.unwrap_or(StoreSortKey::Name);
        let descending = input.sort_order.unwrap_or(SortOrder::Desc) == SortOrder::Desc;
        let sort = match sort_by {
            StoreSortKey::Name => ChannelSort::Name,
            StoreSortKey::Timestamp => ChannelSort::Created,
        };
        let page = input.window();
        let db = &self.0.db;
        let total = channels::count_channels(db, &filter).await?;
        let records = channels::list_channels(db, &filter, sort, descending, page).await?;
        Ok(StoreList {
            stores: records.iter().map(views::store).collect(),
            params: ListParams {
                page: input.page,
                items_per_page: input.items_per_page.to_string(),
                sort_by: sort_by.as_str().into(),
                sort_order: if descending { "desc" } else { "asc" }.into(),
                sort_order_rev: if descending { "asc" } else { "desc" }.into(),
                total_items: total.to_string(),
                timestamp: input.timestamp.map(|t| t.to_string()),
                company: input.company,
                status: None,
                user_id: None,
                company_id: None,
                email: None,
                invoice_id: None,
                credit_memo_id: None,
            },
        })
    }

    async fn create_store(&self, _ctx: &RequestContext, input: CreateStoreInput) -> Result<StoreCreated, ServiceError> {
        let channel = channel_input(input.body, true)?;
        let id = channels::create_channel(&self.0.db, channel, self.0.clock.now()).await.map_err(wire_field)?;
        Ok(StoreCreated { store_id: id })
    }

    async fn get_store(&self, _ctx: &RequestContext, input: GetStoreInput) -> Result<Store, ServiceError> {
        let record = channels::find_channel(&self.0.db, input.company_id)
            .await?
            .ok_or_else(|| channels::channel_not_found(input.company_id))?;
        Ok(views::store(&record))
    }

    async fn update_store(&self, _ctx: &RequestContext, input: UpdateStoreInput) -> Result<StoreUpdated, ServiceError> {
        let channel = channel_input(input.body, false)?;
        channels::update_channel(&self.0.db, input.company_id, channel, self.0.clock.now())
            .await
            .map_err(wire_field)?;
        Ok(StoreUpdated { store_id: input.company_id.to_string() })
    }

    async fn delete_store(&self, _ctx: &RequestContext, input: DeleteStoreInput) -> Result<(), ServiceError> {
        channels::delete_channel(&self.0.db, input.company_id).await
    }
}

/// A store rule violation named with CS-Cart's field names: the core's store `name` is the
/// `company`, its `hostname` the `storefront`, its `countries` the `countries_list`, and the
/// company profile fields are `company_<field>`.
fn wire_field(e: ServiceError) -> ServiceError {
    e.rename_field(|field| match field {
        "name" => Some("company".to_owned()),
        "hostname" => Some("storefront".to_owned()),
        "countries" => Some("countries_list".to_owned()),
        _ => field.strip_prefix("profile.").map(|f| format!("company_{f}")),
    })
}
