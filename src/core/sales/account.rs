//! What a customer sees of their own orders: the orders, their invoices and shipments, and
//! cancelling an order not yet invoiced or shipped. Every lookup is by the customer as well as
//! the id, so another customer's order, invoice or shipment reads as missing.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use polyshop_entities::{
    channels, currencies, invoice_items, invoices, order_items, orders, shipment_items, shipments,
};
use polyshop_runtime::{Page, PageWindow, ServiceError};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait,
};

use crate::by_parent;

use super::{
    OrderFilter, OrderRecord, OrderSort, status,
    statuses::{CoreState, StatusChange, StatusMap, set_status},
    store,
};

/// Order statuses a customer may still cancel from.
const CANCELLABLE: &[&str] = &[status::PENDING, status::PENDING_PAYMENT, status::PROCESSING];

/// A page of the customer's orders in a channel, optionally of some statuses.
pub async fn orders_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    channel_id: i64,
    statuses: Option<Vec<String>>,
    sort: OrderSort,
    window: PageWindow,
) -> Result<Page<OrderRecord>, ServiceError> {
    let filter =
        OrderFilter { customer_id: Some(customer_id), channel_id: Some(channel_id), statuses, ..Default::default() };
    let total = store::count_orders(db, &filter).await?;
    let rows = store::list_orders(db, &filter, sort, window).await?;
    Ok(Page::new(rows, total, window))
}

/// One of the customer's orders.
pub async fn order_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<Option<OrderRecord>, ServiceError> {
    Ok(store::find_order(db, id).await?.filter(|r| r.order.customer_id == Some(customer_id)))
}

/// One of the customer's orders, by its order number.
pub async fn order_numbered(
    db: &impl ConnectionTrait,
    customer_id: i64,
    increment_id: &str,
) -> Result<Option<OrderRecord>, ServiceError> {
    Ok(store::find_order_by_number(db, increment_id).await?.filter(|r| r.order.customer_id == Some(customer_id)))
}

fn order_not_found(id: i64) -> ServiceError {
    ServiceError::not_found(format!("Customer order with ID \"{id}\" not found."))
}

/// Cancels one of the customer's orders: it must be pending or processing with nothing
/// invoiced or shipped (422 otherwise); its stock returns. 404 for another customer's order.
pub async fn cancel(
    db: &DatabaseConnection,
    customer_id: i64,
    id: i64,
    now: DateTime<Utc>,
) -> Result<OrderRecord, ServiceError> {
    crate::db::write_transaction(db, move |txn| {
        Box::pin(async move {
            let record = order_of(txn, customer_id, id).await?.ok_or_else(|| order_not_found(id))?;
            let order = &record.order;
            let touched = record.items.iter().any(|i| i.qty_invoiced > 0 || i.qty_shipped > 0);
            if !CANCELLABLE.contains(&order.status.as_str()) || touched {
                return Err(ServiceError::unprocessable(format!(
                    "Order #{} cannot be canceled: it is {}{}.",
                    order.increment_id,
                    order.status,
                    if touched { " and already invoiced or shipped" } else { "" }
                )));
            }
            let map = StatusMap::load(txn).await?;
            let state = CoreState { order_status: status::CANCELED, ..CoreState::of(order, record.payment.as_ref()) };
            let code = map.code_for(Some(&order.status_code), state);
            set_status(txn, &record, &code, StatusChange { notify_customer: true, ..Default::default() }, now).await?;
            order_items::Entity::update_many()
                .col_expr(
                    order_items::Column::QtyCanceled,
                    sea_orm::sea_query::Expr::col(order_items::Column::QtyOrdered),
                )
                .filter(order_items::Column::OrderId.eq(id))
                .exec(txn)
                .await?;
            store::find_order(txn, id).await?.ok_or_else(|| order_not_found(id))
        })
    })
    .await
}

fn customer_invoices(customer_id: i64) -> sea_orm::Select<invoices::Entity> {
    invoices::Entity::find()
        .join(JoinType::InnerJoin, invoices::Relation::Order.def())
        .filter(orders::Column::CustomerId.eq(customer_id))
}

/// A page of the customer's invoices (newest first), optionally of one order or state, each
/// with its lines.
pub async fn invoices_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    order_id: Option<i64>,
    state: Option<String>,
    window: PageWindow,
) -> Result<Page<(invoices::Model, Vec<invoice_items::Model>)>, ServiceError> {
    let mut query = customer_invoices(customer_id);
    if let Some(order_id) = order_id {
        query = query.filter(invoices::Column::OrderId.eq(order_id));
    }
    if let Some(state) = state {
        query = query.filter(invoices::Column::State.eq(state));
    }
    let total = query.clone().count(db).await?;
    let rows = query.order_by_desc(invoices::Column::Id).offset(window.offset()).limit(window.limit()).all(db).await?;
    let lines = invoice_lines(db, &rows.iter().map(|i| i.id).collect::<Vec<_>>()).await?;
    Ok(Page::new(with_lines(rows, lines, |i| i.id), total, window))
}

async fn invoice_lines(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<invoice_items::Model>>, ServiceError> {
    let (parent, order) = (invoice_items::Column::InvoiceId, invoice_items::Column::Id);
    by_parent::load::<invoice_items::Entity>(db, parent, order, ids, |l| l.invoice_id).await
}

/// One of the customer's invoices with its lines.
pub async fn invoice_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<Option<(invoices::Model, Vec<invoice_items::Model>)>, ServiceError> {
    let Some(invoice) = customer_invoices(customer_id).filter(invoices::Column::Id.eq(id)).one(db).await? else {
        return Ok(None);
    };
    let lines = invoice_lines(db, &[invoice.id]).await?.remove(&invoice.id).unwrap_or_default();
    Ok(Some((invoice, lines)))
}

/// One of the customer's invoices as a PDF document (`invoice_pdf`): amounts in the order's
/// currency, dates in its channel's time zone. `None` for an unknown or another customer's id.
pub async fn invoice_pdf(
    db: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<Option<Vec<u8>>, ServiceError> {
    let Some((invoice, lines)) = invoice_of(db, customer_id, id).await? else { return Ok(None) };
    let Some(record) = order_of(db, customer_id, invoice.order_id).await? else { return Ok(None) };
    let order = &record.order;
    let currency = currencies::Entity::find()
        .filter(currencies::Column::Code.eq(order.order_currency_code.as_str()))
        .one(db)
        .await?
        .unwrap_or_else(|| fallback_currency(&order.order_currency_code, order.created_at));
    let channel = channels::Entity::find_by_id(order.channel_id).one(db).await?;
    let tz: chrono_tz::Tz = channel.as_ref().and_then(|c| c.timezone.parse().ok()).unwrap_or(chrono_tz::UTC);
    let money = |a: polyshop_runtime::Amount| crate::settings::scope::format_amount(a.value(), &currency);
    let day = |t: DateTime<Utc>| t.with_timezone(&tz).format("%Y-%m-%d").to_string();
    let address = |a: &Option<polyshop_entities::addresses::Model>| -> Vec<String> {
        let Some(a) = a else { return vec!["-".into()] };
        let mut out = vec![format!("{} {}", a.first_name, a.last_name)];
        out.extend(a.company_name.clone());
        out.extend(a.address.split('\n').map(str::to_owned));
        let place = [a.postcode.clone(), Some(a.city.clone()), a.state.clone()].into_iter().flatten();
        out.push(place.collect::<Vec<_>>().join(" "));
        out.push(a.country.clone());
        out.extend(a.phone.clone());
        out
    };
    let mut facts = vec![
        ("Invoice date".to_owned(), day(invoice.created_at)),
        ("Order".to_owned(), format!("#{}", order.increment_id)),
        ("Order date".to_owned(), day(order.created_at)),
        ("Invoice status".to_owned(), invoice.state.clone()),
    ];
    facts.extend(record.payment.as_ref().map(|p| ("Payment".to_owned(), p.method_title.clone())));
    facts.extend(order.shipping_title.clone().map(|t| ("Shipping".to_owned(), t)));
    let sheet = super::invoice_pdf::InvoiceSheet {
        store: channel.map(|c| c.name).unwrap_or_else(|| order.channel_name.clone()),
        title: format!("Invoice #{}", invoice.increment_id),
        facts,
        billing: address(&record.billing_address),
        shipping: address(&record.shipping_address),
        lines: lines
            .iter()
            .map(|l| super::invoice_pdf::SheetLine {
                sku: l.sku.clone(),
                name: l.name.clone(),
                qty: l.qty.to_string(),
                price: money(l.price),
                total: money(l.total),
            })
            .collect(),
        totals: vec![
            ("Subtotal".to_owned(), money(invoice.sub_total)),
            ("Shipping".to_owned(), money(invoice.shipping_amount)),
            ("Tax".to_owned(), money(invoice.tax_amount)),
            (
                "Discount".to_owned(),
                match invoice.discount_amount.value().is_zero() {
                    true => money(invoice.discount_amount),
                    false => format!("-{}", money(invoice.discount_amount)),
                },
            ),
            ("Grand total".to_owned(), money(invoice.grand_total)),
        ],
    };
    Ok(Some(super::invoice_pdf::render(&sheet)))
}

/// How an order currency missing from the currency table is written: its code before the
/// amount, two decimals.
fn fallback_currency(code: &str, at: DateTime<Utc>) -> currencies::Model {
    currencies::Model {
        id: 0,
        code: code.to_owned(),
        name: code.to_owned(),
        symbol: format!("{code} "),
        decimal: 2,
        group_separator: ",".into(),
        decimal_separator: ".".into(),
        currency_position: None,
        created_at: at,
        updated_at: at,
    }
}

/// One line of one of the customer's invoices.
pub async fn invoice_item_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<Option<invoice_items::Model>, ServiceError> {
    let Some(line) = invoice_items::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
    Ok(invoice_of(db, customer_id, line.invoice_id).await?.map(|_| line))
}

fn customer_shipments(customer_id: i64) -> sea_orm::Select<shipments::Entity> {
    shipments::Entity::find()
        .join(JoinType::InnerJoin, shipments::Relation::Order.def())
        .filter(orders::Column::CustomerId.eq(customer_id))
}

async fn shipment_lines(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<shipment_items::Model>>, ServiceError> {
    let (parent, order) = (shipment_items::Column::ShipmentId, shipment_items::Column::Id);
    by_parent::load::<shipment_items::Entity>(db, parent, order, ids, |l| l.shipment_id).await
}

/// Each of `rows` with its lines from `lines` (none when it has none).
fn with_lines<T, L>(rows: Vec<T>, mut lines: HashMap<i64, Vec<L>>, id: impl Fn(&T) -> i64) -> Vec<(T, Vec<L>)> {
    rows.into_iter()
        .map(|row| {
            let own = lines.remove(&id(&row)).unwrap_or_default();
            (row, own)
        })
        .collect()
}

/// A page of the customer's shipments (newest first), optionally of one order, with their lines.
pub async fn shipments_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    order_id: Option<i64>,
    status: Option<String>,
    window: PageWindow,
) -> Result<Page<(shipments::Model, Vec<shipment_items::Model>)>, ServiceError> {
    let mut query = customer_shipments(customer_id);
    if let Some(status) = status {
        query = query.filter(shipments::Column::Status.eq(status));
    }
    if let Some(order_id) = order_id {
        query = query.filter(shipments::Column::OrderId.eq(order_id));
    }
    let total = query.clone().count(db).await?;
    let rows = query.order_by_desc(shipments::Column::Id).offset(window.offset()).limit(window.limit()).all(db).await?;
    let lines = shipment_lines(db, &rows.iter().map(|s| s.id).collect::<Vec<_>>()).await?;
    Ok(Page::new(with_lines(rows, lines, |s| s.id), total, window))
}

/// One of the customer's shipments with its lines.
pub async fn shipment_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<Option<(shipments::Model, Vec<shipment_items::Model>)>, ServiceError> {
    let Some(shipment) = customer_shipments(customer_id).filter(shipments::Column::Id.eq(id)).one(db).await? else {
        return Ok(None);
    };
    let lines = shipment_lines(db, &[shipment.id]).await?.remove(&shipment.id).unwrap_or_default();
    Ok(Some((shipment, lines)))
}

/// A page of the lines of the customer's shipments (optionally of one shipment), newest first.
pub async fn shipment_items_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    shipment_id: Option<i64>,
    window: PageWindow,
) -> Result<Page<shipment_items::Model>, ServiceError> {
    let mut query = shipment_items::Entity::find()
        .join(JoinType::InnerJoin, shipment_items::Relation::Shipment.def())
        .join(JoinType::InnerJoin, shipments::Relation::Order.def())
        .filter(orders::Column::CustomerId.eq(customer_id));
    if let Some(id) = shipment_id {
        query = query.filter(shipment_items::Column::ShipmentId.eq(id));
    }
    let total = query.clone().count(db).await?;
    let rows =
        query.order_by_asc(shipment_items::Column::Id).offset(window.offset()).limit(window.limit()).all(db).await?;
    Ok(Page::new(rows, total, window))
}

/// One line of one of the customer's shipments.
pub async fn shipment_item_of(
    db: &impl ConnectionTrait,
    customer_id: i64,
    id: i64,
) -> Result<Option<shipment_items::Model>, ServiceError> {
    let Some(line) = shipment_items::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
    Ok(shipment_of(db, customer_id, line.shipment_id).await?.map(|_| line))
}

/// The order lines an invoice or shipment line refers to (for names and product ids).
pub async fn order_lines(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<order_items::Model>, ServiceError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(order_items::Entity::find().filter(order_items::Column::Id.is_in(ids.to_vec())).all(db).await?)
}

/// The documents of one order: invoices, refunds, shipments with their lines, and the cart it
/// was placed from (if it came from a cart).
#[derive(Debug, Clone, Default)]
pub struct OrderDocuments {
    pub invoices: Vec<invoices::Model>,
    pub refunds: Vec<polyshop_entities::refunds::Model>,
    pub shipments: Vec<(shipments::Model, Vec<shipment_items::Model>)>,
    pub cart_id: Option<i64>,
}

pub async fn documents(db: &impl ConnectionTrait, order_id: i64) -> Result<OrderDocuments, ServiceError> {
    Ok(documents_of(db, &[order_id]).await?.remove(&order_id).unwrap_or_default())
}

/// The documents of each of `order_ids` (a page of orders), by order id: five queries
/// whatever the number of orders.
pub async fn documents_of(
    db: &impl ConnectionTrait,
    order_ids: &[i64],
) -> Result<HashMap<i64, OrderDocuments>, ServiceError> {
    use polyshop_entities::{carts, refunds};
    let mut out: HashMap<i64, OrderDocuments> = order_ids.iter().map(|id| (*id, OrderDocuments::default())).collect();
    if order_ids.is_empty() {
        return Ok(out);
    }
    let ids = order_ids.to_vec();
    for invoice in invoices::Entity::find()
        .filter(invoices::Column::OrderId.is_in(ids.clone()))
        .order_by_asc(invoices::Column::Id)
        .all(db)
        .await?
    {
        out.entry(invoice.order_id).or_default().invoices.push(invoice);
    }
    for refund in refunds::Entity::find()
        .filter(refunds::Column::OrderId.is_in(ids.clone()))
        .order_by_asc(refunds::Column::Id)
        .all(db)
        .await?
    {
        out.entry(refund.order_id).or_default().refunds.push(refund);
    }
    let found = shipments::Entity::find()
        .filter(shipments::Column::OrderId.is_in(ids.clone()))
        .order_by_asc(shipments::Column::Id)
        .all(db)
        .await?;
    let lines = shipment_lines(db, &found.iter().map(|s| s.id).collect::<Vec<_>>()).await?;
    for (shipment, own) in with_lines(found, lines, |s| s.id) {
        out.entry(shipment.order_id).or_default().shipments.push((shipment, own));
    }
    let carts: Vec<(i64, Option<i64>)> = carts::Entity::find()
        .select_only()
        .column(carts::Column::Id)
        .column(carts::Column::OrderId)
        .filter(carts::Column::OrderId.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    for (cart_id, order_id) in carts {
        if let Some(docs) = order_id.and_then(|o| out.get_mut(&o)) {
            docs.cart_id.get_or_insert(cart_id);
        }
    }
    Ok(out)
}
