//! SQL for orders. A page of orders costs a fixed number of queries whatever its size: the
//! page itself, then one query per related table for all orders of the page.

use std::collections::HashMap;

use polyshop_entities::{
    addresses, fulfilment_statuses, invoices, order_items, order_payments, orders, payment_methods, refunds, shipments,
    shipping_methods,
};
use polyshop_runtime::{PageWindow, ServiceError};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, Order, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, Select, sea_query::Query,
};

use super::records::{OrderFilter, OrderRecord, OrderSort, OrderSortKey, PaymentState, payment, status};

fn filtered(filter: &OrderFilter) -> Select<orders::Entity> {
    let pay = order_payments::Column::Status;
    let not_paid_as = |s: &str| Condition::any().add(pay.is_null()).add(pay.ne(s));
    let mut cond = Condition::all();
    if let Some(handle) = &filter.fulfilment_status {
        cond = cond.add(orders::Column::FulfilmentStatus.eq(handle.as_str()));
    }
    if let Some(state) = filter.payment_state {
        let not_canceled = orders::Column::Status.ne(status::CANCELED);
        let unsettled = Condition::all().add(not_paid_as(payment::PAID)).add(not_paid_as(payment::REFUNDED));
        cond = cond.add(match state {
            PaymentState::Cancelled => Condition::all().add(orders::Column::Status.eq(status::CANCELED)),
            PaymentState::Refunded => Condition::all().add(not_canceled).add(pay.eq(payment::REFUNDED)),
            PaymentState::Paid => Condition::all().add(not_canceled).add(pay.eq(payment::PAID)),
            PaymentState::Incomplete => {
                Condition::all().add(orders::Column::Status.eq(status::PENDING_PAYMENT)).add(unsettled)
            }
            PaymentState::Unpaid => Condition::all()
                .add(orders::Column::Status.is_not_in([status::CANCELED, status::PENDING_PAYMENT]))
                .add(unsettled),
        });
    }
    if let Some(statuses) = &filter.statuses {
        cond = cond.add(orders::Column::Status.is_in(statuses.iter().map(String::as_str)));
    }
    if let Some(from) = filter.placed_from {
        cond = cond.add(orders::Column::CreatedAt.gte(from));
    }
    if let Some(before) = filter.placed_before {
        cond = cond.add(orders::Column::CreatedAt.lt(before));
    }
    if let Some(paid) = filter.paid {
        cond = cond.add(if paid { Condition::all().add(pay.eq(payment::PAID)) } else { not_paid_as(payment::PAID) });
    }
    if let Some(cancelled) = filter.cancelled {
        cond = cond.add(if cancelled {
            orders::Column::Status.eq(status::CANCELED)
        } else {
            orders::Column::Status.ne(status::CANCELED)
        });
    }
    if let Some(refunded) = filter.refunded {
        cond = cond.add(if refunded {
            Condition::all().add(pay.eq(payment::REFUNDED))
        } else {
            not_paid_as(payment::REFUNDED)
        });
    }
    if let Some(shippable) = filter.shippable {
        cond = cond.add(if shippable {
            orders::Column::ShippingMethod.is_not_null()
        } else {
            orders::Column::ShippingMethod.is_null()
        });
    }
    if let Some(ids) = &filter.ids {
        cond = cond.add(orders::Column::Id.is_in(ids.iter().copied()));
    }
    if let Some(channel) = filter.channel_id {
        cond = cond.add(orders::Column::ChannelId.eq(channel));
    }
    if let Some(codes) = &filter.status_codes {
        cond = cond.add(orders::Column::StatusCode.is_in(codes.iter().map(String::as_str)));
    }
    match filter.customer_id {
        Some(0) => cond = cond.add(orders::Column::CustomerId.is_null()),
        Some(id) => cond = cond.add(orders::Column::CustomerId.eq(id)),
        None => {}
    }
    if let Some(email) = &filter.email {
        cond = cond.add(orders::Column::CustomerEmail.eq(email.as_str()));
    }
    if let Some(id) = filter.invoice_id {
        let docs = Query::select()
            .column(invoices::Column::OrderId)
            .from(invoices::Entity)
            .and_where(invoices::Column::Id.eq(id))
            .to_owned();
        cond = cond.add(orders::Column::Id.in_subquery(docs));
    }
    if let Some(id) = filter.refund_id {
        let docs = Query::select()
            .column(refunds::Column::OrderId)
            .from(refunds::Entity)
            .and_where(refunds::Column::Id.eq(id))
            .to_owned();
        cond = cond.add(orders::Column::Id.in_subquery(docs));
    }
    orders::Entity::find().join(JoinType::LeftJoin, orders::Relation::OrderPayments.def()).filter(cond)
}

pub async fn count_orders(db: &impl ConnectionTrait, filter: &OrderFilter) -> Result<u64, ServiceError> {
    Ok(filtered(filter).count(db).await?)
}

/// A page of orders in `sort` order (ties by id), with their related rows.
pub async fn list_orders(
    db: &impl ConnectionTrait,
    filter: &OrderFilter,
    sort: OrderSort,
    page: PageWindow,
) -> Result<Vec<OrderRecord>, ServiceError> {
    let direction = if sort.descending { Order::Desc } else { Order::Asc };
    let by = |q: Select<orders::Entity>, c: orders::Column| q.order_by(c, direction.clone());
    let mut query = filtered(filter);
    query = match sort.key {
        OrderSortKey::Id => query,
        OrderSortKey::Date => by(query, orders::Column::CreatedAt),
        OrderSortKey::Status => by(query, orders::Column::StatusCode),
        OrderSortKey::Total => by(query, orders::Column::BaseGrandTotal),
        OrderSortKey::Customer => by(by(query, orders::Column::CustomerLastName), orders::Column::CustomerFirstName),
        OrderSortKey::Email => by(query, orders::Column::CustomerEmail),
        OrderSortKey::Updated => by(query, orders::Column::UpdatedAt),
    };
    let rows = by(query, orders::Column::Id).offset(page.offset()).limit(page.limit()).all(db).await?;
    load_records(db, rows).await
}

/// The first invoice and the first refund (credit memo) of each order, by order id.
pub async fn document_ids(
    db: &impl ConnectionTrait,
    order_ids: &[i64],
) -> Result<(HashMap<i64, i64>, HashMap<i64, i64>), ServiceError> {
    let mut invoice = HashMap::new();
    let mut refund = HashMap::new();
    if order_ids.is_empty() {
        return Ok((invoice, refund));
    }
    let found = invoices::Entity::find()
        .filter(invoices::Column::OrderId.is_in(order_ids.to_vec()))
        .order_by_asc(invoices::Column::Id)
        .all(db)
        .await?;
    for i in found {
        invoice.entry(i.order_id).or_insert(i.id);
    }
    let found = refunds::Entity::find()
        .filter(refunds::Column::OrderId.is_in(order_ids.to_vec()))
        .order_by_asc(refunds::Column::Id)
        .all(db)
        .await?;
    for r in found {
        refund.entry(r.order_id).or_insert(r.id);
    }
    Ok((invoice, refund))
}

pub async fn find_order(db: &impl ConnectionTrait, id: i64) -> Result<Option<OrderRecord>, ServiceError> {
    match orders::Entity::find_by_id(id).one(db).await? {
        Some(order) => Ok(load_records(db, vec![order]).await?.pop()),
        None => Ok(None),
    }
}

/// The order numbered `increment_id` (order numbers are unique).
pub async fn find_order_by_number(
    db: &impl ConnectionTrait,
    increment_id: &str,
) -> Result<Option<OrderRecord>, ServiceError> {
    match orders::Entity::find().filter(orders::Column::IncrementId.eq(increment_id)).one(db).await? {
        Some(order) => Ok(load_records(db, vec![order]).await?.pop()),
        None => Ok(None),
    }
}

/// The payment and shipping methods an order uses, by their codes.
pub async fn order_methods(
    db: &impl ConnectionTrait,
    record: &OrderRecord,
) -> Result<(Option<payment_methods::Model>, Option<shipping_methods::Model>), ServiceError> {
    let payment = match &record.payment {
        Some(p) => {
            payment_methods::Entity::find().filter(payment_methods::Column::Code.eq(p.method.as_str())).one(db).await?
        }
        None => None,
    };
    let shipping = match &record.order.shipping_method {
        Some(code) => {
            shipping_methods::Entity::find().filter(shipping_methods::Column::Code.eq(code.as_str())).one(db).await?
        }
        None => None,
    };
    Ok((payment, shipping))
}

/// Ids of an order's shipments, oldest first.
pub async fn shipment_ids(db: &impl ConnectionTrait, order_id: i64) -> Result<Vec<i64>, ServiceError> {
    Ok(shipments::Entity::find()
        .filter(shipments::Column::OrderId.eq(order_id))
        .order_by_asc(shipments::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect())
}

/// Every fulfilment status in workflow order.
pub async fn fulfilment_statuses(db: &impl ConnectionTrait) -> Result<Vec<fulfilment_statuses::Model>, ServiceError> {
    Ok(fulfilment_statuses::Entity::find()
        .order_by_asc(fulfilment_statuses::Column::SortOrder)
        .order_by_asc(fulfilment_statuses::Column::Id)
        .all(db)
        .await?)
}

/// Attaches items, addresses and payment to each order with one query per table.
async fn load_records(db: &impl ConnectionTrait, rows: Vec<orders::Model>) -> Result<Vec<OrderRecord>, ServiceError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|o| o.id).collect();
    let mut items: HashMap<i64, Vec<order_items::Model>> = HashMap::new();
    for item in order_items::Entity::find()
        .filter(order_items::Column::OrderId.is_in(ids.clone()))
        .order_by_asc(order_items::Column::Id)
        .all(db)
        .await?
    {
        items.entry(item.order_id).or_default().push(item);
    }
    let mut billing = HashMap::new();
    let mut shipping = HashMap::new();
    for address in addresses::Entity::find()
        .filter(addresses::Column::OrderId.is_in(ids.clone()))
        .filter(addresses::Column::AddressType.is_in(["order_billing", "order_shipping"]))
        .all(db)
        .await?
    {
        let order_id = address.order_id.unwrap_or_default();
        if address.address_type == "order_billing" {
            billing.insert(order_id, address);
        } else {
            shipping.insert(order_id, address);
        }
    }
    let mut payments: HashMap<i64, order_payments::Model> = order_payments::Entity::find()
        .filter(order_payments::Column::OrderId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.order_id, p))
        .collect();
    Ok(rows
        .into_iter()
        .map(|order| OrderRecord {
            items: items.remove(&order.id).unwrap_or_default(),
            billing_address: billing.remove(&order.id),
            shipping_address: shipping.remove(&order.id),
            payment: payments.remove(&order.id),
            order,
        })
        .collect())
}
