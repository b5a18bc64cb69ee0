//! Reading CS-Cart request fields: ids and amounts sent as strings or numbers, `Y`/`N` flags,
//! `user_data`, `products` and `shipping_id`, each refused with a message naming the field.

use std::collections::BTreeMap;

use polyshop_api_cs_cart::models::{OrderProductInput, UserData};
use polyshop_runtime::{Amount, ScalarString, ServiceError};
use rust_decimal::Decimal;
use serde_json::Value;

use polyshop_core::sales::{
    editing::ContactEdit,
    placement::{Contact, LineRequest},
};

fn bad(message: String) -> ServiceError {
    ServiceError::bad_request(message)
}

/// A positive integer id.
pub fn id(field: &str, v: &ScalarString) -> Result<i64, ServiceError> {
    v.as_str().trim().parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| bad(format!("{field}: `{v}` is not an id")))
}

/// An id where `0` or empty means none.
pub fn optional_id(field: &str, v: Option<&ScalarString>) -> Result<Option<i64>, ServiceError> {
    match v.map(|s| s.as_str().trim()) {
        None | Some("") | Some("0") => Ok(None),
        Some(_) => id(field, v.unwrap()).map(Some),
    }
}

/// `Y`/`N`, `1`/`0`, `true`/`false`.
pub fn flag(field: &str, v: Option<&ScalarString>) -> Result<Option<bool>, ServiceError> {
    match v.map(|s| s.as_str().trim().to_ascii_lowercase()).as_deref() {
        None => Ok(None),
        Some("y" | "1" | "true") => Ok(Some(true)),
        Some("n" | "0" | "false" | "") => Ok(Some(false)),
        Some(other) => Err(bad(format!("{field}: expected Y or N (or 1 or 0), got `{other}`"))),
    }
}

/// A money amount, within what an order's money columns hold.
pub fn amount(field: &str, v: Option<&ScalarString>) -> Result<Option<Decimal>, ServiceError> {
    let text = match v.map(|s| s.as_str().trim()) {
        None | Some("") => return Ok(None),
        Some(text) => text,
    };
    let value = Decimal::from_str_exact(text)
        .or_else(|_| Decimal::from_scientific(text))
        .map_err(|_| bad(format!("{field}: `{text}` is not an amount")))?;
    match Amount::try_new(value) {
        Some(amount) => Ok(Some(amount.value())),
        None => Err(bad(format!("{field}: `{text}` is beyond the largest amount an order holds ({})", Amount::max()))),
    }
}

fn text(v: &Option<ScalarString>) -> Option<String> {
    v.as_ref().map(|s| s.as_str().trim().to_owned()).filter(|s| !s.is_empty())
}

/// The lines of `products`: keyed by product id, or by any key with `product_id` inside.
pub fn lines(products: &BTreeMap<String, OrderProductInput>) -> Result<Vec<LineRequest>, ServiceError> {
    let mut out = Vec::new();
    for (key, p) in products {
        let at = format!("products.{key}");
        let product_id = match &p.product_id {
            Some(v) => id(&format!("{at}.product_id"), v)?,
            None => key
                .trim()
                .parse::<i64>()
                .map_err(|_| bad(format!("{at}: `{key}` is not a product id; send `product_id`")))?,
        };
        let qty = p
            .amount
            .as_str()
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| bad(format!("{at}.amount: must be a whole number from 1, got `{}`", p.amount)))?;
        let mut options = BTreeMap::new();
        for (option, variant) in p.product_options.iter().flatten() {
            let option_id = option
                .trim()
                .parse::<i64>()
                .map_err(|_| bad(format!("{at}.product_options: `{option}` is not an option id")))?;
            options.insert(option_id, id(&format!("{at}.product_options.{option}"), variant)?);
        }
        out.push(LineRequest {
            key: key.clone(),
            product_id,
            qty,
            options,
            links: Vec::new(),
            choice: Default::default(),
        });
    }
    Ok(out)
}

/// The shipping method: one id, or the first of the ids per product group.
pub fn shipping_id(v: Option<&Value>) -> Result<Option<i64>, ServiceError> {
    let first = match v {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(a)) => a.first().cloned(),
        Some(Value::Object(o)) => o.values().next().cloned(),
        Some(other) => Some(other.clone()),
    };
    let text = match first {
        None => return Ok(None),
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => return Err(bad(format!("shipping_id: `{other}` is not an id"))),
    };
    optional_id("shipping_id", Some(&ScalarString(text)))
}

/// A guest's contacts from `user_data`: (email, billing, shipping). The shipping contact is
/// there when any `s_` field was sent, its missing fields taken from the billing ones.
pub fn guest_contacts(u: &UserData) -> Result<(String, Contact, Option<Contact>), ServiceError> {
    let mut missing = Vec::new();
    let mut need = |value: Option<String>, field: &str| {
        if value.is_none() {
            missing.push(format!("user_data.{field}"));
        }
        value.unwrap_or_default()
    };
    let email = need(text(&u.email), "email");
    let billing = Contact {
        first_name: need(text(&u.b_firstname).or_else(|| text(&u.firstname)), "b_firstname"),
        last_name: need(text(&u.b_lastname).or_else(|| text(&u.lastname)), "b_lastname"),
        company: None,
        street: [text(&u.b_address), text(&u.b_address_2)].into_iter().flatten().collect(),
        city: need(text(&u.b_city), "b_city"),
        state: text(&u.b_state),
        country: need(text(&u.b_country), "b_country").to_uppercase(),
        postcode: text(&u.b_zipcode),
        phone: text(&u.b_phone).or_else(|| text(&u.phone)),
        email: None,
    };
    if billing.street.is_empty() {
        missing.push("user_data.b_address".into());
    }
    if !missing.is_empty() {
        return Err(bad(format!("a guest order needs {}", missing.join(", "))));
    }
    if !email.contains('@') {
        return Err(bad(format!("user_data.email: `{email}` is not an email address")));
    }
    let sent = [
        &u.s_firstname,
        &u.s_lastname,
        &u.s_address,
        &u.s_address_2,
        &u.s_city,
        &u.s_state,
        &u.s_country,
        &u.s_zipcode,
        &u.s_phone,
    ];
    if sent.iter().all(|v| text(v).is_none()) {
        return Ok((email, billing, None));
    }
    let shipping_street: Vec<String> = [text(&u.s_address), text(&u.s_address_2)].into_iter().flatten().collect();
    let shipping = Contact {
        first_name: text(&u.s_firstname).unwrap_or_else(|| billing.first_name.clone()),
        last_name: text(&u.s_lastname).unwrap_or_else(|| billing.last_name.clone()),
        company: None,
        street: if shipping_street.is_empty() { billing.street.clone() } else { shipping_street },
        city: text(&u.s_city).unwrap_or_else(|| billing.city.clone()),
        state: text(&u.s_state).or_else(|| billing.state.clone()),
        country: text(&u.s_country).map(|c| c.to_uppercase()).unwrap_or_else(|| billing.country.clone()),
        postcode: text(&u.s_zipcode).or_else(|| billing.postcode.clone()),
        phone: text(&u.s_phone).or_else(|| billing.phone.clone()),
        email: None,
    };
    Ok((email, billing, Some(shipping)))
}

/// The changes `user_data` asks of an order's contacts: (email, first name, last name,
/// billing, shipping).
pub type ContactChanges = (Option<String>, Option<String>, Option<String>, ContactEdit, ContactEdit);

pub fn contact_edits(u: &UserData) -> ContactChanges {
    let street = |a: &Option<ScalarString>, b: &Option<ScalarString>| {
        let lines: Vec<String> = [text(a), text(b)].into_iter().flatten().collect();
        (!lines.is_empty()).then_some(lines)
    };
    let billing = ContactEdit {
        first_name: text(&u.b_firstname),
        last_name: text(&u.b_lastname),
        street: street(&u.b_address, &u.b_address_2),
        city: text(&u.b_city),
        state: text(&u.b_state),
        country: text(&u.b_country).map(|c| c.to_uppercase()),
        postcode: text(&u.b_zipcode),
        phone: text(&u.b_phone),
    };
    let shipping = ContactEdit {
        first_name: text(&u.s_firstname),
        last_name: text(&u.s_lastname),
        street: street(&u.s_address, &u.s_address_2),
        city: text(&u.s_city),
        state: text(&u.s_state),
        country: text(&u.s_country).map(|c| c.to_uppercase()),
        postcode: text(&u.s_zipcode),
        phone: text(&u.s_phone),
    };
    let first = text(&u.firstname).or_else(|| text(&u.b_firstname));
    let last = text(&u.lastname).or_else(|| text(&u.b_lastname));
    (text(&u.email), first, last, billing, shipping)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipping_ids_come_as_one_or_per_group() {
        assert_eq!(shipping_id(Some(&serde_json::json!("1"))).unwrap(), Some(1));
        assert_eq!(shipping_id(Some(&serde_json::json!(2))).unwrap(), Some(2));
        assert_eq!(shipping_id(Some(&serde_json::json!({"0": "3"}))).unwrap(), Some(3));
        assert_eq!(shipping_id(Some(&serde_json::json!([4, 5]))).unwrap(), Some(4));
        assert_eq!(shipping_id(Some(&serde_json::json!("0"))).unwrap(), None);
        assert!(shipping_id(Some(&serde_json::json!("x"))).is_err());
    }

    #[test]
    fn products_are_keyed_by_id_or_carry_it() {
        let products: BTreeMap<String, OrderProductInput> = serde_json::from_value(serde_json::json!({
            "12": {"amount": "2"},
            "a": {"product_id": 13, "amount": 1, "product_options": {"1": "3"}},
        }))
        .unwrap();
        let parsed = lines(&products).unwrap();
        assert_eq!((parsed[0].product_id, parsed[0].qty), (12, 2));
        assert_eq!((parsed[1].product_id, parsed[1].options.get(&1).copied()), (13, Some(3)));
        let bad: BTreeMap<String, OrderProductInput> =
            serde_json::from_value(serde_json::json!({"x": {"amount": "1"}})).unwrap();
        assert!(lines(&bad).unwrap_err().messages()[0].contains("products.x"));
        let zero: BTreeMap<String, OrderProductInput> =
            serde_json::from_value(serde_json::json!({"1": {"amount": "0"}})).unwrap();
        assert!(lines(&zero).unwrap_err().messages()[0].contains("products.1.amount"));
    }
}
