//! The signed-in customer's address book (Bagisto shop REST API).

use polyshop_api_bagisto_shop::{customer_addresses::*, models};
use polyshop_runtime::{Page, RequestContext, ServiceError};

use super::{
    context::{ShopRequest, present},
    customers::{signed_in, wire_field},
};
use polyshop_core::{
    AppState,
    customers::{Address, AddressChanges, AddressFields, AddressOrder, street_lines},
    settings::scope::Scope,
};

pub struct Service(pub AppState);

fn address_body(a: Address, scope: &Scope) -> models::CustomerAddress {
    let (address1, address2) = street_lines(&a.address);
    models::CustomerAddress {
        id: a.id,
        address_id: a.id,
        address_type: a.address_type,
        customer_id: a.customer_id.unwrap_or_default(),
        name: format!("{} {}", a.first_name, a.last_name),
        address1,
        address2,
        created_at: scope.timestamp(a.created_at),
        updated_at: scope.timestamp(a.updated_at),
        first_name: a.first_name,
        last_name: a.last_name,
        company_name: a.company_name,
        vat_id: a.vat_id,
        email: a.email,
        phone: a.phone,
        address: a.address,
        city: a.city,
        state: a.state,
        country: a.country,
        postcode: a.postcode,
        default_address: a.default_address,
        use_for_shipping: a.use_for_shipping,
    }
}

/// `sort` (`id` or `created_at`, optionally suffixed `-asc`/`-desc`) and `order`; anything else
/// sorts by id, as upstream ignores unknown keys.
fn address_order(sort: Option<&str>, order: models::ListCustomerAddressesOrder) -> AddressOrder {
    sorted_by(sort, order == models::ListCustomerAddressesOrder::Desc)
}

/// The address order a `sort` parameter asks for, `bare_descending` applying to a key without a
/// direction suffix (REST and GraphQL read `sort` alike).
pub fn sorted_by(sort: Option<&str>, bare_descending: bool) -> AddressOrder {
    let (key, descending) = match sort.map(str::trim) {
        Some(s) => match s.rsplit_once('-') {
            Some((key, "desc")) => (key, true),
            Some((key, "asc")) => (key, false),
            _ => (s, bare_descending),
        },
        None => ("id", bare_descending),
    };
    AddressOrder { by_creation: key == "created_at", descending }
}

/// An optional text field of an update: left out keeps, `""` clears.
fn clearable(value: Option<String>) -> Option<Option<String>> {
    value.map(|v| Some(v).filter(|v| !v.trim().is_empty()))
}

fn renamed(e: ServiceError) -> ServiceError {
    e.rename_field(wire_field)
}

#[async_trait::async_trait]
impl CustomerAddressesService for Service {
    async fn list_customer_addresses(
        &self,
        ctx: &RequestContext,
        input: ListCustomerAddressesInput,
    ) -> Result<Page<models::CustomerAddress>, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let order = address_order(input.sort.as_deref(), input.order);
        let page = self.0.address_book().list(customer_id, order, input.window()).await?;
        Ok(page.map(|a| address_body(a, scope)))
    }

    async fn create_customer_address(
        &self,
        ctx: &RequestContext,
        input: CreateCustomerAddressInput,
    ) -> Result<models::CustomerAddress, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let b = input.body;
        let lines = std::iter::once(b.address1)
            .chain(
                present(b.address2).map(|rest| rest.lines().map(str::to_owned).collect::<Vec<_>>()).unwrap_or_default(),
            )
            .collect();
        let fields = AddressFields {
            first_name: b.first_name,
            last_name: b.last_name,
            company_name: present(b.company_name),
            lines,
            city: b.city,
            state: Some(b.state),
            country: b.country,
            postcode: b.postcode,
            email: Some(b.email),
            phone: b.phone,
            vat_id: present(b.vat_id),
            default_address: b.default_address.unwrap_or(false),
        };
        let address = self.0.address_book().create(customer_id, fields).await.map_err(renamed)?;
        Ok(address_body(address, scope))
    }

    async fn get_customer_address(
        &self,
        ctx: &RequestContext,
        input: GetCustomerAddressInput,
    ) -> Result<models::CustomerAddress, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let address = self.0.address_book().get(customer_id, input.id).await?;
        Ok(address_body(address, scope))
    }

    async fn update_customer_address(
        &self,
        ctx: &RequestContext,
        input: UpdateCustomerAddressInput,
    ) -> Result<models::CustomerAddress, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        let scope = ctx.scope().await?;
        let b = input.body;
        let changes = AddressChanges {
            first_name: b.first_name,
            last_name: b.last_name,
            company_name: clearable(b.company_name),
            first_line: b.address1,
            other_lines: clearable(b.address2),
            city: b.city,
            state: b.state.map(Some),
            country: b.country,
            postcode: b.postcode,
            email: clearable(b.email),
            phone: b.phone,
            vat_id: clearable(b.vat_id),
            default_address: b.default_address,
        };
        let address = self.0.address_book().update(customer_id, input.id, changes).await.map_err(renamed)?;
        Ok(address_body(address, scope))
    }

    async fn delete_customer_address(
        &self,
        ctx: &RequestContext,
        input: DeleteCustomerAddressInput,
    ) -> Result<models::CustomerActionResult, ServiceError> {
        let (customer_id, _) = signed_in(ctx)?;
        self.0.address_book().delete(customer_id, input.id).await?;
        Ok(models::CustomerActionResult { success: true, message: "Address deleted successfully".to_owned() })
    }
}
