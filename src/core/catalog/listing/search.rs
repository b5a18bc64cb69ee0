//! The storefront search: the SQL conditions a [`ProductQuery`] stands for, and the paging and
//! ordering of the matches, all in SQL.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use polyshop_entities::{
    attributes, product_attribute_values, product_categories, product_channels, product_translations, products,
};
use polyshop_runtime::ServiceError;
use rust_decimal::Decimal;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Func, LikeExpr, Query, SimpleExpr},
};

use super::{
    cards::{CardData, cards},
    order_keys,
    query::{ProductQuery, Sort, SortKey},
};
use crate::settings::{Kept, scope::Scope};

/// A page of the products a storefront lists for `query`, how many match in all, and the offset
/// of the page. `window` picks the page (offset, limit) once the total is known. Every filter and
/// order runs in SQL (names and prices through `order_keys`), once per settings generation for
/// each set of filters and sort key: the ordered matches are kept, and only the page's products
/// are built into cards, from the sources `cards` keeps.
pub async fn search<E: From<ServiceError>>(
    db: &impl ConnectionTrait,
    scope: &Scope,
    query: &ProductQuery,
    now: DateTime<Utc>,
    window: impl FnOnce(u64) -> Result<(u64, u64), E>,
) -> Result<(Vec<CardData>, u64, u64), E> {
    let today = scope.today(now);
    // The ordered matches are kept per settings generation and each page is a slice of them:
    // an order by name or price, or a filter most products pass, makes the database find every
    // match (and compute its name or price) before it can page them, and the total needs them
    // all anyway. What matches, and in which order, changes only with the catalog and the day:
    // stock plays no part.
    let kept = scope
        .derived(async || Ok(Kept::<MatchesKey, Vec<i64>>::weighed(MAX_KEPT_LISTS, MAX_KEPT_IDS, Vec::len)))
        .await?;
    let key = MatchesKey {
        channel: scope.channel.id,
        locales: scope.locales().iter().map(|l| l.to_string()).collect(),
        today,
        query: ProductQuery {
            search_descriptions: query.search_descriptions && query.search.is_some(),
            sort: Sort { descending: false, ..query.sort },
            ..query.clone()
        },
    };
    let matches = match kept.get(&key) {
        Some(matches) => matches,
        None => kept.keep(key, matching_ids(db, scope, query, today).await?),
    };
    let total = u64::try_from(matches.len()).unwrap_or(u64::MAX);
    let (offset, limit) = window(total)?;
    let start = usize::try_from(offset).unwrap_or(usize::MAX).min(matches.len());
    let end = start.saturating_add(usize::try_from(limit).unwrap_or(usize::MAX)).min(matches.len());
    let ids: Vec<i64> = if query.sort.descending {
        matches.iter().rev().skip(start).take(end - start).copied().collect()
    } else {
        matches[start..end].to_vec()
    };
    Ok((cards(db, scope, &ids, now).await?, total, offset))
}

/// The ids of every product `query` matches, in the ascending order of its sort key, ties by
/// id: one statement (two or three more for attribute filters).
async fn matching_ids(
    db: &impl ConnectionTrait,
    scope: &Scope,
    query: &ProductQuery,
    today: NaiveDate,
) -> Result<Vec<i64>, ServiceError> {
    let Some(mut condition) = conditions(db, scope, query).await? else { return Ok(Vec::new()) };
    match price_bounds(query, today) {
        Some(bounds) if bounds.is_empty() => {}
        Some(bounds) => condition = condition.add(bounds),
        None => return Ok(Vec::new()),
    }
    let select = products::Entity::find().filter(condition);
    let order: Option<SimpleExpr> = match query.sort.key {
        SortKey::Id => None,
        SortKey::CreatedAt => Some(Expr::col((products::Entity, products::Column::CreatedAt))),
        SortKey::UpdatedAt => Some(Expr::col((products::Entity, products::Column::UpdatedAt))),
        SortKey::Name => Some(order_keys::name_key(db.get_database_backend(), &scope.locales())),
        SortKey::Price => Some(order_keys::minimum_price(today)),
    };
    // Ascending, ties by id; a descending order is the same list read backwards (both
    // databases put NULL dates at opposite ends of the two directions).
    let ordered = match order {
        Some(order) => select.order_by_asc(order).order_by_asc(products::Column::Id),
        None => select.order_by_asc(products::Column::Id),
    };
    Ok(ordered.select_only().column(products::Column::Id).into_tuple().all(db).await?)
}

/// Lists kept per settings generation: at most this many, holding at most `MAX_KEPT_IDS`
/// product ids in all (16 MiB); past either, lists go to make room. The large profile's whole
/// catalog in one order is 100k ids; a list longer than the budget is kept alone.
const MAX_KEPT_LISTS: usize = 4096;
const MAX_KEPT_IDS: usize = 1 << 21;

/// What a list's matches depend on: the channel, the locales names are searched and sorted in,
/// the day (special prices have dates), the filters and the sort key (ascending: a descending
/// list reads it backwards).
#[derive(Clone, PartialEq, Eq, Hash)]
struct MatchesKey {
    channel: i64,
    locales: Vec<String>,
    today: NaiveDate,
    query: ProductQuery,
}

/// The lowest and the highest of the lowest current prices of the products a storefront lists
/// in `category_id` (the whole catalog without one), in the base currency; zeros when it lists
/// none. One statement.
pub async fn price_range(
    db: &impl ConnectionTrait,
    scope: &Scope,
    category_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(Decimal, Decimal), ServiceError> {
    let query = ProductQuery { category_id, ..Default::default() };
    let Some(condition) = conditions(db, scope, &query).await? else { return Ok((Decimal::ZERO, Decimal::ZERO)) };
    let price = || order_keys::minimum_price(scope.today(now));
    let (low, high) = products::Entity::find()
        .select_only()
        .expr_as(Func::min(price()), "low")
        .expr_as(Func::max(price()), "high")
        .filter(condition)
        .into_tuple::<(Option<i64>, Option<i64>)>()
        .one(db)
        .await?
        .unwrap_or_default();
    let amount = |scaled: Option<i64>| Decimal::new(scaled.unwrap_or_default(), 4).normalize();
    Ok((amount(low), amount(high)))
}

/// The price range of `query` as a condition on the lowest current price (bounds included;
/// empty without a range); `None` when no stored price can be in it.
fn price_bounds(query: &ProductQuery, today: NaiveDate) -> Option<Condition> {
    let mut bounds = Condition::all();
    if let Some(from) = query.price_from {
        match order_keys::scaled_floor_bound(from) {
            Some(from) => bounds = bounds.add(order_keys::minimum_price(today).gte(from)),
            None if from.is_sign_positive() => return None,
            None => {}
        }
    }
    if let Some(to) = query.price_to {
        match order_keys::scaled_ceiling_bound(to) {
            Some(to) => bounds = bounds.add(order_keys::minimum_price(today).lte(to)),
            None if to.is_sign_negative() => return None,
            None => {}
        }
    }
    Some(bounds)
}

/// The SQL conditions of `query`; `None` when nothing can match (an unknown filterable value).
async fn conditions(
    db: &impl ConnectionTrait,
    scope: &Scope,
    query: &ProductQuery,
) -> Result<Option<Condition>, ServiceError> {
    // A correlated EXISTS, not `id IN (the channel's products)`: SQLite then probes the
    // (product_id, channel_id) key once per listed product instead of reading every product of
    // the channel, variants included, for each page and count (the count of the small profile's
    // list went from ~1.5 ms to ~0.2 ms); PostgreSQL plans both as a semi-join.
    let in_channel = Query::select()
        .expr(Expr::val(1))
        .from(product_channels::Entity)
        .and_where(
            Expr::col((product_channels::Entity, product_channels::Column::ProductId))
                .equals((products::Entity, products::Column::Id)),
        )
        .and_where(Expr::col((product_channels::Entity, product_channels::Column::ChannelId)).eq(scope.channel.id))
        .to_owned();
    let mut cond = Condition::all()
        .add(products::Column::Status.eq(true))
        .add(products::Column::VisibleIndividually.eq(true))
        .add(Expr::exists(in_channel));
    if let Some(text) = query.search.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let escaped = text.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        let pattern = || LikeExpr::new(format!("%{escaped}%")).escape('\\');
        let mut texts = Condition::any()
            .add(Expr::expr(Func::lower(Expr::col(product_translations::Column::Name))).like(pattern()));
        if query.search_descriptions {
            texts = texts
                .add(Expr::expr(Func::lower(Expr::col(product_translations::Column::ShortDescription))).like(pattern()))
                .add(Expr::expr(Func::lower(Expr::col(product_translations::Column::Description))).like(pattern()));
        }
        let named = Query::select()
            .column(product_translations::Column::ProductId)
            .from(product_translations::Entity)
            .cond_where(texts)
            .and_where(product_translations::Column::Locale.is_in(scope.locales().iter().map(|l| l.to_string())))
            .to_owned();
        cond = cond.add(
            Condition::any()
                .add(Expr::expr(Func::lower(Expr::col((products::Entity, products::Column::Sku)))).like(pattern()))
                .add(products::Column::Id.in_subquery(named)),
        );
    }
    if let Some(kind) = &query.product_type {
        cond = cond.add(products::Column::Type.eq(kind.as_str()));
    }
    if let Some(category) = query.category_id {
        let in_category = Query::select()
            .column(product_categories::Column::ProductId)
            .from(product_categories::Entity)
            .and_where(product_categories::Column::CategoryId.eq(category))
            .to_owned();
        cond = cond.add(products::Column::Id.in_subquery(in_category));
    }
    if query.new_only {
        cond = cond.add(products::Column::New.eq(true));
    }
    if query.featured_only {
        cond = cond.add(products::Column::Featured.eq(true));
    }
    let mut wanted = query.attributes.clone();
    if !query.attribute_names.is_empty() {
        // Legacy filters name options by label: find their ids.
        use polyshop_entities::attribute_options;
        let codes: Vec<String> = query.attribute_names.keys().cloned().collect();
        let attrs: HashMap<i64, String> = attributes::Entity::find()
            .filter(attributes::Column::Code.is_in(codes))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.code))
            .collect();
        let options = attribute_options::Entity::find()
            .filter(attribute_options::Column::AttributeId.is_in(attrs.keys().copied()))
            .all(db)
            .await?;
        for option in options {
            let code = &attrs[&option.attribute_id];
            let names = &query.attribute_names[code];
            if names.iter().any(|n| n.eq_ignore_ascii_case(&option.admin_name)) {
                wanted.entry(code.clone()).or_default().push(option.id);
            }
        }
        for code in query.attribute_names.keys() {
            // A label that names no option matches nothing.
            if wanted.get(code).is_none_or(|ids| ids.is_empty()) {
                return Ok(None);
            }
        }
    }
    if !wanted.is_empty() {
        // Only filterable attributes filter; other codes are ignored.
        let filterable: HashMap<String, i64> = attributes::Entity::find()
            .filter(attributes::Column::Code.is_in(wanted.keys().cloned()))
            .filter(attributes::Column::IsFilterable.eq(true))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.code, a.id))
            .collect();
        for (code, options) in &wanted {
            let Some(attribute_id) = filterable.get(code) else { continue };
            if options.is_empty() {
                // Values that are not option ids (`?color=Red`) match no product.
                return Ok(None);
            }
            let holders = || {
                Query::select()
                    .column(product_attribute_values::Column::ProductId)
                    .from(product_attribute_values::Entity)
                    .and_where(product_attribute_values::Column::AttributeId.eq(*attribute_id))
                    .and_where(product_attribute_values::Column::IntegerValue.is_in(options.clone()))
                    .to_owned()
            };
            // A configurable product matches when one of its enabled variants does.
            let parents = Query::select()
                .column(products::Column::ParentId)
                .from(products::Entity)
                .and_where(products::Column::Status.eq(true))
                .and_where(products::Column::Id.in_subquery(holders()))
                .to_owned();
            cond = cond.add(
                Condition::any()
                    .add(products::Column::Id.in_subquery(holders()))
                    .add(products::Column::Id.in_subquery(parents)),
            );
        }
    }
    Ok(Some(cond))
}
