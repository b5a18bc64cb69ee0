//! What a Bagisto storefront shows beyond the base catalog: products of the other types
//! (downloadable, grouped, bundle and the five booking types), tier prices, customizable
//! options, videos, related products, reviews, CMS pages, theme customizations and category
//! filters.
//!
//! Over 600 lines because it is data: one insert after another, read top to bottom; splitting
//! it would only scatter the dataset the snapshots are built from.

use std::collections::HashMap;

use polyshop_entities::{
    attributes, booking_product_appointment_slots, booking_product_default_slots,
    booking_product_event_ticket_translations, booking_product_event_tickets, booking_product_rental_slots,
    booking_product_table_slots, booking_products, categories, category_filterable_attributes, category_translations,
    channel_translations, cms_page_channels, cms_page_translations, cms_pages, product_bundle_option_products,
    product_bundle_option_translations, product_bundle_options, product_categories, product_channels,
    product_customer_group_prices, product_customizable_option_prices, product_customizable_option_translations,
    product_customizable_options, product_downloadable_link_translations, product_downloadable_links,
    product_downloadable_sample_translations, product_downloadable_samples, product_grouped_products, product_images,
    product_links, product_review_attachments, product_reviews, product_translations, product_videos, products,
    theme_customization_translations, theme_customizations,
};
use polyshop_runtime::Amount;
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter,
};
use serde_json::json;

use super::{catalog::StoreIds, fixed::at};

fn dec(s: &str) -> Decimal {
    s.parse().expect("demo decimal")
}

fn money(s: &str) -> Option<Amount> {
    Some(Amount::new(dec(s)))
}

/// Ids of what this module adds, for the summary and tests.
pub struct StorefrontIds {
    pub products: Vec<i64>,
}

/// Product ids of the base catalog by SKU.
async fn product_ids(db: &impl ConnectionTrait) -> Result<HashMap<String, i64>, DbErr> {
    Ok(products::Entity::find().all(db).await?.into_iter().map(|p| (p.sku, p.id)).collect())
}

/// Category ids by their English slug.
async fn category_ids(db: &impl ConnectionTrait) -> Result<HashMap<String, i64>, DbErr> {
    let rows =
        category_translations::Entity::find().filter(category_translations::Column::Locale.eq("en")).all(db).await?;
    Ok(rows.into_iter().map(|t| (t.slug, t.category_id)).collect())
}

struct NewProduct {
    sku: &'static str,
    kind: &'static str,
    name: &'static str,
    name_fr: &'static str,
    price: Option<&'static str>,
    categories: &'static [&'static str],
    description: &'static str,
}

async fn insert_product(
    db: &impl ConnectionTrait,
    store: &StoreIds,
    p: &NewProduct,
    day: u32,
    categories: &HashMap<String, i64>,
) -> Result<i64, DbErr> {
    let created = at(2026, 2, day, 10, 0);
    let family = 1;
    let product = products::ActiveModel {
        sku: Set(p.sku.into()),
        type_: Set(p.kind.into()),
        attribute_family_id: Set(family),
        status: Set(true),
        visible_individually: Set(true),
        new: Set(day.is_multiple_of(2)),
        featured: Set(day.is_multiple_of(3)),
        guest_checkout: Set(p.kind != "booking"),
        // Downloadable, composite and booking products hold no stock of their own.
        manage_stock: Set(false),
        price: Set(p.price.and_then(money)),
        weight: Set(None),
        created_at: Set(created),
        updated_at: Set(created),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (locale, name) in [("en", p.name), ("fr", p.name_fr)] {
        product_translations::ActiveModel {
            product_id: Set(product.id),
            locale: Set(locale.into()),
            name: Set(name.into()),
            url_key: Set(Some(super::catalog::slug(name))),
            short_description: Set(Some(format!("<p>{name}.</p>"))),
            description: Set(Some(format!("<p>{}</p>", if locale == "en" { p.description } else { name }))),
            meta_title: Set(Some(name.into())),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    product_channels::ActiveModel { product_id: Set(product.id), channel_id: Set(store.channel_id) }.insert(db).await?;
    for c in p.categories {
        product_categories::ActiveModel { product_id: Set(product.id), category_id: Set(categories[*c]) }
            .insert(db)
            .await?;
    }
    product_images::ActiveModel {
        product_id: Set(product.id),
        type_: Set(Some("image".into())),
        path: Set(format!("product/{}/front.jpg", p.sku.to_lowercase())),
        position: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(product.id)
}

const NEW_PRODUCTS: &[NewProduct] = &[
    NewProduct {
        sku: "STYLE-GUIDE-EBOOK",
        kind: "downloadable",
        name: "The Capsule Wardrobe Guide (eBook)",
        name_fr: "Le guide de la garde-robe capsule (eBook)",
        price: Some("12.00"),
        categories: &["accessories"],
        description: "Build a wardrobe of 30 pieces that work together, with outfit plans for every season.",
    },
    NewProduct {
        sku: "WARDROBE-ESSENTIALS",
        kind: "grouped",
        name: "Wardrobe Essentials",
        name_fr: "Les essentiels de la garde-robe",
        price: None,
        categories: &["men"],
        description: "A shirt, socks and a belt: buy any of them together.",
    },
    NewProduct {
        sku: "GIFT-BOX",
        kind: "bundle",
        name: "Gift Box",
        name_fr: "Coffret cadeau",
        price: None,
        categories: &["accessories"],
        description: "Pick a headpiece, add socks if you like, and have it wrapped.",
    },
    NewProduct {
        sku: "PERSONAL-STYLING",
        kind: "booking",
        name: "Personal Styling Appointment",
        name_fr: "Rendez-vous de stylisme personnel",
        price: Some("45.00"),
        categories: &[],
        description: "45 minutes with a stylist, on weekdays.",
    },
    NewProduct {
        sku: "FASHION-SHOW",
        kind: "booking",
        name: "Spring Fashion Show",
        name_fr: "Défilé de printemps",
        price: Some("25.00"),
        categories: &[],
        description: "The spring collection on the runway, with drinks.",
    },
    NewProduct {
        sku: "TAILORING-STUDIO",
        kind: "booking",
        name: "Tailoring Studio Rental",
        name_fr: "Location de l'atelier de couture",
        price: Some("15.00"),
        categories: &[],
        description: "Our tailoring studio with its machines, by the hour or the day.",
    },
    NewProduct {
        sku: "ROOFTOP-BISTRO",
        kind: "booking",
        name: "Rooftop Bistro Table",
        name_fr: "Table au bistro sur le toit",
        price: Some("10.00"),
        categories: &[],
        description: "A table at the store's rooftop bistro; the price is per guest.",
    },
    NewProduct {
        sku: "SEWING-WORKSHOP",
        kind: "booking",
        name: "Sewing Workshop",
        name_fr: "Atelier de couture",
        price: Some("60.00"),
        categories: &[],
        description: "Two hours of sewing basics in a small group.",
    },
];

pub async fn seed(db: &impl ConnectionTrait, store: &StoreIds) -> Result<StorefrontIds, DbErr> {
    let categories = category_ids(db).await?;
    let mut ids = HashMap::new();
    for (i, p) in NEW_PRODUCTS.iter().enumerate() {
        ids.insert(p.sku, insert_product(db, store, p, 2 + i as u32, &categories).await?);
    }
    let existing = product_ids(db).await?;
    let id = |sku: &str| ids.get(sku).copied().unwrap_or_else(|| existing[sku]);

    seed_downloadable(db, id("STYLE-GUIDE-EBOOK")).await?;
    seed_grouped(
        db,
        id("WARDROBE-ESSENTIALS"),
        &[(id("OXF-SHIRT"), 1), (id("WOOL-SOCKS"), 2), (id("LEATHER-BELT"), 1)],
    )
    .await?;
    seed_bundle(db, id("GIFT-BOX"), id("SILK-SCARF"), id("BASEBALL-CAP"), id("WOOL-SOCKS"), id("GIFT-WRAP")).await?;
    seed_bookings(db, &id).await?;
    seed_pricing_and_options(db, &id).await?;
    seed_media_and_links(db, &id).await?;
    seed_reviews(db, &id).await?;
    seed_cms(db, store).await?;
    seed_theme(db, store, &id).await?;
    seed_category_filters(db, store).await?;
    seed_promotions(db).await?;
    seed_privacy_switches(db).await?;
    seed_taxes(db).await?;
    Ok(StorefrontIds { products: NEW_PRODUCTS.iter().map(|p| ids[p.sku]).collect() })
}

async fn seed_downloadable(db: &impl ConnectionTrait, product_id: i64) -> Result<(), DbErr> {
    let t = at(2026, 2, 2, 10, 0);
    let links = [
        (
            "file",
            None,
            Some(("downloadable/capsule-guide.pdf", "capsule-guide.pdf")),
            "9.00",
            5,
            ("PDF edition", "Édition PDF"),
        ),
        (
            "url",
            Some("https://media.polyshop.example/capsule-guide.m4b"),
            None,
            "14.00",
            0,
            ("Audiobook", "Livre audio"),
        ),
    ];
    for (i, (kind, url, file, price, downloads, (title, title_fr))) in links.into_iter().enumerate() {
        let link = product_downloadable_links::ActiveModel {
            product_id: Set(product_id),
            type_: Set(kind.into()),
            url: Set(url.map(str::to_owned)),
            file: Set(file.map(|f| f.0.to_owned())),
            file_name: Set(file.map(|f| f.1.to_owned())),
            price: Set(Amount::new(dec(price))),
            // The PDF has a sample chapter (a file); the audiobook a preview (a URL).
            sample_type: Set(Some(if i == 0 { "file" } else { "url" }.into())),
            sample_file: Set((i == 0).then(|| "downloadable/samples/capsule-guide-chapter-1.pdf".into())),
            sample_file_name: Set((i == 0).then(|| "chapter-1.pdf".into())),
            sample_url: Set((i == 1).then(|| "https://media.polyshop.example/capsule-guide-preview.m4a".into())),
            downloads: Set(downloads),
            sort_order: Set(i as i32),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (locale, text) in [("en", title), ("fr", title_fr)] {
            product_downloadable_link_translations::ActiveModel {
                product_downloadable_link_id: Set(link.id),
                locale: Set(locale.into()),
                title: Set(text.into()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    let samples = [
        (
            "file",
            None,
            Some(("downloadable/samples/capsule-guide-contents.pdf", "contents.pdf")),
            ("Table of contents", "Sommaire"),
        ),
        (
            "url",
            Some("https://media.polyshop.example/capsule-guide-lookbook"),
            None,
            ("Online lookbook", "Lookbook en ligne"),
        ),
    ];
    for (i, (kind, url, file, (title, title_fr))) in samples.into_iter().enumerate() {
        let sample = product_downloadable_samples::ActiveModel {
            product_id: Set(product_id),
            type_: Set(kind.into()),
            url: Set(url.map(str::to_owned)),
            file: Set(file.map(|f| f.0.to_owned())),
            file_name: Set(file.map(|f| f.1.to_owned())),
            sort_order: Set(i as i32),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (locale, text) in [("en", title), ("fr", title_fr)] {
            product_downloadable_sample_translations::ActiveModel {
                product_downloadable_sample_id: Set(sample.id),
                locale: Set(locale.into()),
                title: Set(text.into()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

async fn seed_grouped(db: &impl ConnectionTrait, product_id: i64, members: &[(i64, i32)]) -> Result<(), DbErr> {
    for (i, (member, qty)) in members.iter().enumerate() {
        product_grouped_products::ActiveModel {
            product_id: Set(product_id),
            associated_product_id: Set(*member),
            qty: Set(*qty),
            sort_order: Set(i as i32),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

async fn seed_bundle(
    db: &impl ConnectionTrait,
    product_id: i64,
    scarf: i64,
    cap: i64,
    socks: i64,
    wrap: i64,
) -> Result<(), DbErr> {
    // (type, required, (label, French label), [(member, qty, default, customer may change qty)])
    #[allow(clippy::type_complexity)] // demo rows as tuples, described by the comment above
    let options: [(&str, bool, (&str, &str), Vec<(i64, i32, bool, bool)>); 3] = [
        ("radio", true, ("Headpiece", "Accessoire de tête"), vec![(scarf, 1, true, false), (cap, 1, false, false)]),
        ("checkbox", false, ("Socks", "Chaussettes"), vec![(socks, 2, false, true)]),
        ("select", true, ("Wrapping", "Emballage"), vec![(wrap, 1, true, false)]),
    ];
    for (i, (kind, required, (label, label_fr), members)) in options.into_iter().enumerate() {
        let option = product_bundle_options::ActiveModel {
            product_id: Set(product_id),
            type_: Set(kind.into()),
            is_required: Set(required),
            sort_order: Set(i as i32),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (locale, text) in [("en", label), ("fr", label_fr)] {
            product_bundle_option_translations::ActiveModel {
                product_bundle_option_id: Set(option.id),
                locale: Set(locale.into()),
                label: Set(text.into()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        for (j, (member, qty, default, user_defined)) in members.into_iter().enumerate() {
            product_bundle_option_products::ActiveModel {
                product_bundle_option_id: Set(option.id),
                product_id: Set(member),
                qty: Set(qty),
                is_user_defined: Set(user_defined),
                is_default: Set(default),
                sort_order: Set(j as i32),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

async fn booking(
    db: &impl ConnectionTrait,
    product_id: i64,
    kind: &str,
    qty: i32,
    every_week: bool,
    window: Option<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)>,
) -> Result<i64, DbErr> {
    let t = at(2026, 2, 2, 10, 0);
    let row = booking_products::ActiveModel {
        product_id: Set(product_id),
        type_: Set(kind.into()),
        qty: Set(qty),
        location: Set(Some("Polyshop Flagship, 12 Market Street, Phoenix".into())),
        show_location: Set(kind != "rental"),
        available_every_week: Set(every_week),
        available_from: Set(window.map(|w| w.0)),
        available_to: Set(window.map(|w| w.1)),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

async fn seed_bookings(db: &impl ConnectionTrait, id: &impl Fn(&str) -> i64) -> Result<(), DbErr> {
    // Weekday opening hours, Monday (1) to Friday (5): the slot format Bagisto stores.
    let weekdays = |from: &str, to: &str| {
        json!(
            (0..7)
                .map(|d| if (1..=5).contains(&d) { json!([{"from": from, "to": to}]) } else { json!([]) })
                .collect::<Vec<_>>()
        )
    };

    let appointment = booking(db, id("PERSONAL-STYLING"), "appointment", 1, true, None).await?;
    booking_product_appointment_slots::ActiveModel {
        booking_product_id: Set(appointment),
        duration: Set(45),
        break_time: Set(15),
        same_slot_all_days: Set(false),
        slots: Set(weekdays("10:00", "17:00")),
        ..Default::default()
    }
    .insert(db)
    .await?;

    let show_window = (at(2026, 3, 1, 0, 0), at(2026, 12, 31, 23, 0));
    let event = booking(db, id("FASHION-SHOW"), "event", 220, false, Some(show_window)).await?;
    let tickets = [
        ("25.00", 200, None, ("Standard", "Standard"), ("Standing room.", "Places debout.")),
        (
            "80.00",
            20,
            Some(("70.00", at(2026, 3, 1, 0, 0), at(2026, 12, 1, 0, 0))),
            ("VIP", "VIP"),
            ("Front row and backstage tour.", "Premier rang et visite des coulisses."),
        ),
    ];
    for (price, qty, special, (name, name_fr), (text, text_fr)) in tickets {
        let ticket = booking_product_event_tickets::ActiveModel {
            booking_product_id: Set(event),
            price: Set(Amount::new(dec(price))),
            qty: Set(qty),
            special_price: Set(special.map(|s| Amount::new(dec(s.0)))),
            special_price_from: Set(special.map(|s| s.1)),
            special_price_to: Set(special.map(|s| s.2)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (locale, n, d) in [("en", name, text), ("fr", name_fr, text_fr)] {
            booking_product_event_ticket_translations::ActiveModel {
                booking_product_event_ticket_id: Set(ticket.id),
                locale: Set(locale.into()),
                name: Set(n.into()),
                description: Set(Some(d.into())),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }

    let rental = booking(db, id("TAILORING-STUDIO"), "rental", 1, true, None).await?;
    booking_product_rental_slots::ActiveModel {
        booking_product_id: Set(rental),
        renting_type: Set("daily_hourly".into()),
        daily_price: Set(money("90.00")),
        hourly_price: Set(money("15.00")),
        same_slot_all_days: Set(true),
        slots: Set(json!([{"from": "09:00", "to": "18:00"}])),
        ..Default::default()
    }
    .insert(db)
    .await?;

    let table = booking(db, id("ROOFTOP-BISTRO"), "table", 8, true, None).await?;
    booking_product_table_slots::ActiveModel {
        booking_product_id: Set(table),
        price_type: Set("guest".into()),
        guest_limit: Set(4),
        duration: Set(90),
        break_time: Set(30),
        prevent_scheduling_before: Set(60),
        same_slot_all_days: Set(true),
        slots: Set(json!([{"from": "12:00", "to": "15:00"}, {"from": "18:00", "to": "22:00"}])),
        ..Default::default()
    }
    .insert(db)
    .await?;

    let workshop = booking(db, id("SEWING-WORKSHOP"), "default", 6, true, None).await?;
    booking_product_default_slots::ActiveModel {
        booking_product_id: Set(workshop),
        booking_type: Set("many".into()),
        duration: Set(Some(120)),
        break_time: Set(Some(30)),
        slots: Set(weekdays("09:00", "17:00")),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn seed_pricing_and_options(db: &impl ConnectionTrait, id: &impl Fn(&str) -> i64) -> Result<(), DbErr> {
    let t = at(2026, 2, 1, 9, 0);
    // Tier prices of the Oxford shirt: general customers from 5, wholesale from 10, anyone from 20.
    for (group, qty, kind, value) in
        [(Some(2), 5, "fixed", "44.00"), (Some(3), 10, "discount", "20"), (None, 20, "fixed", "39.90")]
    {
        product_customer_group_prices::ActiveModel {
            product_id: Set(id("OXF-SHIRT")),
            customer_group_id: Set(group),
            qty: Set(qty),
            value_type: Set(kind.into()),
            value: Set(Amount::new(dec(value))),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    // (product, type, required, (label, French), max characters, [(price label, price, type)])
    #[allow(clippy::type_complexity)] // demo rows as tuples, described by the comment above
    let options: [(&str, &str, bool, (&str, &str), Option<i32>, Vec<(Option<&str>, &str, &str)>); 3] = [
        ("LEATHER-BELT", "field", false, ("Engraving", "Gravure"), Some(20), vec![(None, "5.00", "fixed")]),
        ("LEATHER-BELT", "area", false, ("Gift message", "Message cadeau"), Some(200), vec![(None, "0.00", "fixed")]),
        (
            "TOTE-BAG",
            "drop_down",
            true,
            ("Monogram colour", "Couleur du monogramme"),
            None,
            vec![
                (Some("Gold"), "3.00", "fixed"),
                (Some("Silver"), "2.00", "fixed"),
                (Some("Tone on tone"), "5", "percent"),
            ],
        ),
    ];
    for (i, (sku, kind, required, (label, label_fr), max, prices)) in options.into_iter().enumerate() {
        let option = product_customizable_options::ActiveModel {
            product_id: Set(id(sku)),
            type_: Set(kind.into()),
            is_required: Set(required),
            sort_order: Set(i as i32),
            max_characters: Set(max),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (locale, text) in [("en", label), ("fr", label_fr)] {
            product_customizable_option_translations::ActiveModel {
                product_customizable_option_id: Set(option.id),
                locale: Set(locale.into()),
                label: Set(text.into()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        for (j, (price_label, price, kind)) in prices.into_iter().enumerate() {
            product_customizable_option_prices::ActiveModel {
                product_customizable_option_id: Set(option.id),
                label: Set(price_label.map(str::to_owned)),
                price: Set(Amount::new(dec(price))),
                price_type: Set(kind.into()),
                sort_order: Set(j as i32),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

async fn seed_media_and_links(db: &impl ConnectionTrait, id: &impl Fn(&str) -> i64) -> Result<(), DbErr> {
    for (sku, file) in [("CLASSIC-TEE", "lookbook.mp4"), ("DERBY-SHOES", "craftsmanship.mp4")] {
        product_videos::ActiveModel {
            product_id: Set(id(sku)),
            type_: Set(Some("video".into())),
            path: Set(format!("product/{}/{file}", sku.to_lowercase())),
            position: Set(0),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    let links = [
        ("OXF-SHIRT", "related", ["LIN-SHIRT", "DEN-JACKET"]),
        ("OXF-SHIRT", "up_sell", ["CLASSIC-TEE", "LEATHER-BELT"]),
        ("OXF-SHIRT", "cross_sell", ["WOOL-SOCKS", "SILK-SCARF"]),
        ("DERBY-SHOES", "related", ["CANVAS-SNEAK", "TRAIL-RUNNER"]),
        ("DERBY-SHOES", "cross_sell", ["WOOL-SOCKS", "LEATHER-BELT"]),
        ("FLORAL-DRESS", "related", ["WRAP-DRESS", "EVENING-GOWN"]),
    ];
    for (sku, kind, targets) in links {
        for (position, target) in targets.into_iter().enumerate() {
            product_links::ActiveModel {
                product_id: Set(id(sku)),
                linked_product_id: Set(id(target)),
                kind: Set(kind.into()),
                position: Set(position as i32),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

async fn seed_reviews(db: &impl ConnectionTrait, id: &impl Fn(&str) -> i64) -> Result<(), DbErr> {
    // (product, customer id or guest, name, rating, status, title, comment, day of June)
    #[allow(clippy::type_complexity)] // demo rows as tuples, described by the comment above
    let reviews: &[(&str, Option<i64>, &str, i32, &str, &str, &str, u32)] = &[
        (
            "OXF-SHIRT",
            Some(1),
            "Joe Smith",
            5,
            "approved",
            "My everyday shirt",
            "Soft, holds its shape after many washes.",
            3,
        ),
        (
            "OXF-SHIRT",
            Some(2),
            "Maria Garcia",
            4,
            "approved",
            "Good fit",
            "Slightly long in the sleeves, otherwise perfect.",
            5,
        ),
        ("OXF-SHIRT", None, "Noah", 2, "pending", "Colour faded", "The blue faded after a month.", 9),
        ("OXF-SHIRT", Some(3), "Chen Wei", 1, "disapproved", "Spam", "Visit my site for cheap shirts!!!", 10),
        ("CLASSIC-TEE", Some(4), "Amelie Dubois", 5, "approved", "Great basic", "I bought it in three colours.", 12),
        ("CLASSIC-TEE", Some(1), "Joe Smith", 3, "approved", "Runs small", "Order a size up.", 14),
        ("DERBY-SHOES", Some(5), "Liam O'Brien", 5, "approved", "Worth it", "Comfortable from day one.", 15),
        ("DERBY-SHOES", None, "Chloé", 4, "approved", "Élégantes", "Très belles chaussures, un peu étroites.", 18),
        ("FLORAL-DRESS", Some(6), "Sofia Rossi", 5, "approved", "Lovely print", "Light and flattering.", 20),
        ("TRAIL-RUNNER", Some(7), "Noah Tremblay", 4, "approved", "Good grip", "Great on wet rocks.", 22),
        ("TRAIL-RUNNER", Some(2), "Maria Garcia", 5, "pending", "Best trail shoe", "Light and stable.", 25),
        (
            "STYLE-GUIDE-EBOOK",
            Some(8),
            "Ava Johnson",
            5,
            "approved",
            "Changed my mornings",
            "Getting dressed takes two minutes now.",
            26,
        ),
    ];
    for (i, (sku, customer, name, rating, status, title, comment, day)) in reviews.iter().enumerate() {
        let t = at(2026, 6, *day, 15, 30);
        let review = product_reviews::ActiveModel {
            product_id: Set(id(sku)),
            customer_id: Set(*customer),
            name: Set((*name).into()),
            title: Set((*title).into()),
            comment: Set((*comment).into()),
            rating: Set(*rating),
            status: Set((*status).into()),
            helpful: Set((i % 4) as i32),
            unhelpful: Set((i % 3 == 0) as i32),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        }
        .insert(db)
        .await?;
        if i == 0 || i == 6 {
            product_review_attachments::ActiveModel {
                product_review_id: Set(review.id),
                type_: Set("image".into()),
                mime_type: Set(Some("image/jpeg".into())),
                path: Set(format!("review/{}/photo.jpg", review.id)),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

async fn seed_cms(db: &impl ConnectionTrait, store: &StoreIds) -> Result<(), DbErr> {
    let t = at(2026, 1, 2, 12, 0);
    // (url key, title, French url key, French title, HTML)
    let pages = [
        ("about-us", "About Us", "a-propos", "À propos", "<h1>About Us</h1><p>Clothing made to last since 2026.</p>"),
        (
            "return-policy",
            "Return Policy",
            "politique-de-retour",
            "Politique de retour",
            "<h1>Return Policy</h1><p>Returns are free within 30 days.</p>",
        ),
        (
            "privacy-policy",
            "Privacy Policy",
            "confidentialite",
            "Confidentialité",
            "<h1>Privacy Policy</h1><p>We only keep what your orders need.</p>",
        ),
    ];
    for (key, title, key_fr, title_fr, html) in pages {
        let page = cms_pages::ActiveModel {
            layout: Set(Some("1-column".into())),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (locale, k, ti, h) in
            [("en", key, title, html.to_owned()), ("fr", key_fr, title_fr, format!("<h1>{title_fr}</h1>"))]
        {
            cms_page_translations::ActiveModel {
                cms_page_id: Set(page.id),
                locale: Set(locale.into()),
                url_key: Set(k.into()),
                page_title: Set(ti.into()),
                html_content: Set(h),
                meta_title: Set(Some(ti.into())),
                meta_keywords: Set(Some(format!("{k}, polyshop"))),
                meta_description: Set(Some(format!("{ti} — Polyshop Demo Store"))),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        cms_page_channels::ActiveModel { cms_page_id: Set(page.id), channel_id: Set(store.channel_id) }
            .insert(db)
            .await?;
    }
    Ok(())
}

async fn seed_theme(db: &impl ConnectionTrait, store: &StoreIds, id: &impl Fn(&str) -> i64) -> Result<(), DbErr> {
    let t = at(2026, 1, 2, 12, 0);
    let carousel = |lang: &str| {
        json!({"images": [
            {"title": if lang == "en" { "Spring collection" } else { "Collection de printemps" }, "link": "/categories/women", "image": "theme/1/spring.webp"},
            {"title": if lang == "en" { "Shoes for every trail" } else { "Des chaussures pour chaque sentier" }, "link": "/categories/shoes", "image": "theme/1/trail.webp"}
        ]})
    };
    let blocks: Vec<(&str, &str, bool, serde_json::Value, serde_json::Value)> = vec![
        ("image_carousel", "Image Carousel", true, carousel("en"), carousel("fr")),
        (
            "static_content",
            "Offer Information",
            true,
            json!({"html": "<p>Free shipping on orders over $50</p>", "css": ".offer{font-weight:600}"}),
            json!({"html": "<p>Livraison gratuite dès 50 $</p>", "css": ".offer{font-weight:600}"}),
        ),
        (
            "category_carousel",
            "Categories Collections",
            true,
            json!({"filters": {"parent_id": 1, "sort": "asc", "limit": 10}}),
            json!({"filters": {"parent_id": 1, "sort": "asc", "limit": 10}}),
        ),
        (
            "product_carousel",
            "New Products",
            true,
            json!({"title": "New Products", "filters": {"new": 1, "sort": "name-asc", "limit": 12}, "products": [id("OXF-SHIRT"), id("TRAIL-RUNNER")]}),
            json!({"title": "Nouveautés", "filters": {"new": 1, "sort": "name-asc", "limit": 12}, "products": [id("OXF-SHIRT"), id("TRAIL-RUNNER")]}),
        ),
        (
            "footer_links",
            "Footer Links",
            true,
            json!({"column_1": [{"url": "/page/about-us", "title": "About Us", "sort_order": 1}, {"url": "/page/return-policy", "title": "Return Policy", "sort_order": 2}], "column_2": [{"url": "/page/privacy-policy", "title": "Privacy Policy", "sort_order": 1}]}),
            json!({"column_1": [{"url": "/page/a-propos", "title": "À propos", "sort_order": 1}, {"url": "/page/politique-de-retour", "title": "Politique de retour", "sort_order": 2}], "column_2": [{"url": "/page/confidentialite", "title": "Confidentialité", "sort_order": 1}]}),
        ),
        (
            "services_content",
            "Services Content",
            true,
            json!({"services": [{"title": "Free Shipping", "description": "On orders over $50", "service_icon": "icon-truck"}, {"title": "30-day returns", "description": "No questions asked", "service_icon": "icon-return"}]}),
            json!({"services": [{"title": "Livraison gratuite", "description": "Dès 50 $ d'achat", "service_icon": "icon-truck"}, {"title": "Retours sous 30 jours", "description": "Sans justification", "service_icon": "icon-return"}]}),
        ),
        ("image_carousel", "Winter Sale (draft)", false, carousel("en"), carousel("fr")),
    ];
    for (i, (kind, name, status, en, fr)) in blocks.into_iter().enumerate() {
        let block = theme_customizations::ActiveModel {
            theme_code: Set("default".into()),
            channel_id: Set(store.channel_id),
            type_: Set(kind.into()),
            name: Set(name.into()),
            sort_order: Set(i as i32 + 1),
            status: Set(status),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (locale, options) in [("en", en), ("fr", fr)] {
            theme_customization_translations::ActiveModel {
                theme_customization_id: Set(block.id),
                locale: Set(locale.into()),
                options: Set(options),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// Every category offers the price, color, size and brand filters; the channel gets its
/// French name, and two categories get images.
async fn seed_category_filters(db: &impl ConnectionTrait, store: &StoreIds) -> Result<(), DbErr> {
    let filterable = attributes::Entity::find()
        .filter(attributes::Column::Code.is_in(["price", "color", "size", "brand"]))
        .all(db)
        .await?;
    for category in categories::Entity::find().all(db).await? {
        for a in &filterable {
            category_filterable_attributes::ActiveModel { category_id: Set(category.id), attribute_id: Set(a.id) }
                .insert(db)
                .await?;
        }
        if [2, 5].contains(&category.id) {
            let id = category.id;
            let mut c = category.into_active_model();
            c.logo_path = Set(Some(format!("category/{id}/logo.webp")));
            c.banner_path = Set(Some(format!("category/{id}/banner.webp")));
            c.update(db).await?;
        }
    }
    for (locale, name, description) in [
        ("en", store.channel_name.as_str(), "Clothing and accessories."),
        ("fr", "Boutique de démonstration Polyshop", "Vêtements et accessoires."),
    ] {
        channel_translations::ActiveModel {
            channel_id: Set(store.channel_id),
            locale: Set(locale.into()),
            name: Set(name.into()),
            description: Set(Some(description.into())),
            maintenance_mode_text: Set(Some(if locale == "en" { "Back soon." } else { "De retour bientôt." }.into())),
            home_seo: Set(Some(
                json!({"meta_title": name, "meta_keywords": "clothing, accessories", "meta_description": description}),
            )),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// A standard tax category every demo product belongs to, taxed in California (7.25 %, with
/// San Francisco's 8.625 % for its postcodes) and France (20 %); other places are untaxed.
async fn seed_taxes(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    use polyshop_entities::{products, tax_categories, tax_categories_tax_rates, tax_rates};
    use polyshop_runtime::Rate;
    use sea_orm::{EntityTrait, sea_query::Expr};
    let t = at(2026, 2, 2, 10, 0);
    let category = tax_categories::ActiveModel {
        code: Set("standard".into()),
        name: Set("Standard rate".into()),
        description: Set(Some("Most goods.".into())),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    }
    .insert(db)
    .await?;
    /// (identifier, country, state, postcode range, percent)
    type RateRow =
        (&'static str, &'static str, Option<&'static str>, Option<(&'static str, &'static str)>, &'static str);
    let rates: [RateRow; 3] = [
        ("US-CA", "US", Some("CA"), None, "7.25"),
        ("US-CA-SF", "US", Some("CA"), Some(("94102", "94188")), "8.625"),
        ("FR", "FR", None, None, "20"),
    ];
    for (identifier, country, state, range, percent) in rates {
        let rate = tax_rates::ActiveModel {
            identifier: Set(identifier.into()),
            is_zip: Set(range.is_some()),
            zip_code: Set(range.is_none().then(|| "*".into())),
            zip_from: Set(range.map(|r| r.0.into())),
            zip_to: Set(range.map(|r| r.1.into())),
            state: Set(state.map(Into::into)),
            country: Set(country.into()),
            tax_rate: Set(Rate::new(dec(percent))),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        }
        .insert(db)
        .await?;
        tax_categories_tax_rates::ActiveModel {
            tax_category_id: Set(category.id),
            tax_rate_id: Set(rate.id),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    products::Entity::update_many()
        .col_expr(products::Column::TaxCategoryId, Expr::value(category.id))
        .exec(db)
        .await?;
    Ok(())
}

/// GDPR requests and EU withdrawals are off in a fresh installation; the demo store has both
/// on (store-wide rows, so every channel and locale).
async fn seed_privacy_switches(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    use polyshop_entities::core_config;
    let t = at(2026, 2, 2, 10, 0);
    for code in [crate::privacy::gdpr::SWITCH, crate::privacy::withdrawals::SWITCH] {
        core_config::ActiveModel {
            code: Set(code.into()),
            value: Set("1".into()),
            channel_code: Set(None),
            locale_code: Set(None),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Cart rules with coupons a shopper can try, one per action: 10 % off (`SAVE10`), 2.00 off
/// every unit (`2OFF`), 5.00 off carts from 50.00 (`TAKE5`), free shipping (`FREESHIP`), 15 %
/// once per customer (`WELCOME15`), three for two (`3FOR2`), and one that expired (`SUMMER25`).
async fn seed_promotions(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    use polyshop_entities::{cart_rule_coupons, cart_rules};
    use polyshop_runtime::Amount;
    use rust_decimal::Decimal;
    /// (code, name, action, amount, free shipping, minimum subtotal, last day, uses per customer)
    type Rule = (&'static str, &'static str, &'static str, i64, bool, Option<i64>, Option<(i32, u32, u32)>, i32);
    let t = at(2026, 1, 2, 12, 0);
    let rules: [Rule; 7] = [
        ("SAVE10", "10% off everything", "by_percent", 10, false, None, None, 0),
        ("2OFF", "2.00 off every unit", "by_fixed", 2, false, None, None, 0),
        ("TAKE5", "5.00 off carts from 50.00", "cart_fixed", 5, false, Some(50), None, 0),
        ("FREESHIP", "Free shipping", "cart_fixed", 0, true, None, None, 0),
        ("WELCOME15", "15% off your first order", "by_percent", 15, false, None, None, 1),
        ("SUMMER25", "Summer sale 2025", "by_percent", 25, false, None, Some((2025, 8, 31)), 0),
        // Buy two of a product, get a third free.
        ("3FOR2", "Three for the price of two", "buy_x_get_y", 1, false, None, None, 0),
    ];
    for (i, (code, name, action, amount, free_shipping, min, ends, per_customer)) in rules.into_iter().enumerate() {
        let rule = cart_rules::ActiveModel {
            name: Set(name.into()),
            status: Set(true),
            action_type: Set(action.into()),
            discount_amount: Set(Amount::new(Decimal::from(amount))),
            free_shipping: Set(free_shipping),
            min_subtotal: Set(min.map(|m| Amount::new(Decimal::from(m)))),
            ends_till: Set(ends.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d))),
            usage_limit: Set(0),
            uses_per_customer: Set(per_customer),
            times_used: Set(0),
            sort_order: Set(i32::try_from(i).unwrap_or_default()),
            discount_step: Set(if action == "buy_x_get_y" { 2 } else { 0 }),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        }
        .insert(db)
        .await?;
        cart_rule_coupons::ActiveModel {
            cart_rule_id: Set(rule.id),
            code: Set(code.into()),
            usage_limit: Set(0),
            usage_per_customer: Set(per_customer),
            times_used: Set(0),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
