//! Demo customers, each with an address in their address book.

use polyshop_entities::{addresses, customer_groups, customers};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::fixed::at;

pub struct DemoAddress {
    pub first_name: String,
    pub last_name: String,
    pub company: Option<String>,
    pub lines: String,
    pub city: String,
    pub state: Option<String>,
    pub country: String,
    pub postcode: String,
    pub phone: String,
}

pub struct DemoCustomer {
    pub id: i64,
    pub email: String,
    pub address: DemoAddress,
}

/// (first, last, email, phone, company, street lines, city, state, country, postcode)
type CustomerSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
);

const CUSTOMERS: &[CustomerSpec] = &[
    (
        "Joe",
        "Smith",
        "joe.smith@example.com",
        "602-555-0101",
        Some("ABC Company"),
        "123 Street",
        "Phoenix",
        Some("AZ"),
        "US",
        "85001",
    ),
    (
        "Maria",
        "Garcia",
        "maria.garcia@example.com",
        "480-555-0134",
        None,
        "77 Camelback Road\nSuite 200",
        "Scottsdale",
        Some("AZ"),
        "US",
        "85251",
    ),
    (
        "Chen",
        "Wei",
        "chen.wei@example.com",
        "415-555-0178",
        Some("Wei Design"),
        "9 Market Street",
        "San Francisco",
        Some("CA"),
        "US",
        "94103",
    ),
    (
        "Amelie",
        "Dubois",
        "amelie.dubois@example.fr",
        "+33 1 55 55 01 02",
        None,
        "12 rue de Rivoli",
        "Paris",
        None,
        "FR",
        "75001",
    ),
    (
        "Liam",
        "O'Brien",
        "liam.obrien@example.com",
        "312-555-0147",
        None,
        "400 Lake Shore Drive\nApt 12B\nBuilding C",
        "Chicago",
        Some("IL"),
        "US",
        "60611",
    ),
    (
        "Sofia",
        "Rossi",
        "sofia.rossi@example.com",
        "212-555-0190",
        Some("Rossi & Co"),
        "55 Fifth Avenue",
        "New York",
        Some("NY"),
        "US",
        "10003",
    ),
    (
        "Noah",
        "Tremblay",
        "noah.tremblay@example.ca",
        "514-555-0111",
        None,
        "1000 Rue Sherbrooke",
        "Montreal",
        Some("QC"),
        "CA",
        "H3A 1G1",
    ),
    (
        "Ava",
        "Johnson",
        "ava.johnson@example.com",
        "206-555-0163",
        None,
        "1200 Pine Street",
        "Seattle",
        Some("WA"),
        "US",
        "98101",
    ),
    (
        "Ethan",
        "Brown",
        "ethan.brown@example.com",
        "303-555-0125",
        Some("Brown Outdoors"),
        "16 Larimer Square",
        "Denver",
        Some("CO"),
        "US",
        "80202",
    ),
    (
        "Mia",
        "Nguyen",
        "mia.nguyen@example.com",
        "713-555-0152",
        None,
        "800 Main Street",
        "Houston",
        Some("TX"),
        "US",
        "77002",
    ),
];

pub async fn seed(db: &impl ConnectionTrait) -> Result<Vec<DemoCustomer>, DbErr> {
    let general = customer_groups::Entity::find()
        .filter(customer_groups::Column::Code.eq("general"))
        .one(db)
        .await?
        .map(|g| g.id);
    let mut out = Vec::new();
    for (i, (first, last, email, phone, company, lines, city, state, country, postcode)) in CUSTOMERS.iter().enumerate()
    {
        let t = at(2026, 2, 1 + i as u32, 12, 0);
        let c = customers::ActiveModel {
            customer_group_id: Set(general),
            first_name: Set((*first).into()),
            last_name: Set((*last).into()),
            email: Set((*email).into()),
            phone: Set(Some((*phone).into())),
            status: Set(true),
            is_verified: Set(true),
            is_suspended: Set(false),
            subscribed_to_news_letter: Set(i % 3 == 0),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        }
        .insert(db)
        .await?;
        addresses::ActiveModel {
            address_type: Set("customer".into()),
            customer_id: Set(Some(c.id)),
            first_name: Set((*first).into()),
            last_name: Set((*last).into()),
            company_name: Set(company.map(str::to_owned)),
            address: Set((*lines).into()),
            city: Set((*city).into()),
            state: Set(state.map(str::to_owned)),
            country: Set((*country).into()),
            postcode: Set(Some((*postcode).into())),
            email: Set(Some((*email).into())),
            phone: Set(Some((*phone).into())),
            default_address: Set(true),
            use_for_shipping: Set(true),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        }
        .insert(db)
        .await?;
        out.push(DemoCustomer {
            id: c.id,
            email: (*email).into(),
            address: DemoAddress {
                first_name: (*first).into(),
                last_name: (*last).into(),
                company: company.map(str::to_owned),
                lines: (*lines).into(),
                city: (*city).into(),
                state: state.map(str::to_owned),
                country: (*country).into(),
                postcode: (*postcode).into(),
                phone: (*phone).into(),
            },
        });
    }
    Ok(out)
}
