//! The contact form and newsletter subscriptions over the shop REST API.

use polyshop_entities::{customers, mail_outbox, newsletter_subscribers};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use crate::harness::{TestApp, status_json};

#[tokio::test]
async fn the_contact_form_reaches_the_store() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let form = json!({"name": "John Doe", "email": "John@Example.com", "contact": "+1234567890", "message": "Do you ship to Canada?"});
    let (status, body) = status_json(shop.post("/api/shop/contact-us").body_json(&form).send().await).await;
    assert_eq!(
        (status, body),
        (
            201,
            json!({"success": true, "message": "Your message has been submitted successfully. We will get back to you shortly."})
        )
    );
    let mail = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Kind.eq("contact_form"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert!(
        mail.body_text.contains("Do you ship to Canada?") && mail.body_text.contains("john@example.com"),
        "{}",
        mail.body_text
    );
    // With an administrator, it goes to them.
    app.admin_basic().await;
    shop.post("/api/shop/contact-us").body_json(&form).send().await;
    let mails =
        mail_outbox::Entity::find().filter(mail_outbox::Column::Kind.eq("contact_form")).all(app.db()).await.unwrap();
    assert_eq!(mails.len(), 2);
    assert_ne!(mails[1].to_address, mails[0].to_address);
    // Every field is required.
    for field in ["name", "email", "contact", "message"] {
        let mut body = form.clone();
        body[field] = json!("");
        let (status, answer) = status_json(shop.post("/api/shop/contact-us").body_json(&body).send().await).await;
        assert_eq!(status, 400, "{field}: {answer}");
    }
}

#[tokio::test]
async fn emails_subscribe_to_the_newsletter_once() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (status, first) = status_json(
        shop.post("/api/shop/newsletter-subscriptions").body_json(&json!({"email": " Fan@Example.com "})).send().await,
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!((first["email"].clone(), first["is_subscribed"].clone()), (json!("fan@example.com"), json!(true)));
    // Twice (at upstream's path too): the same subscription.
    let (status, again) =
        status_json(shop.post("/api/shop/newsletters").body_json(&json!({"email": "fan@example.com"})).send().await)
            .await;
    assert_eq!((status, again["id"].clone()), (201, first["id"].clone()));
    assert_eq!(newsletter_subscribers::Entity::find().count(app.db()).await.unwrap(), 1);
    // A customer's email: the customer is subscribed.
    shop.post("/api/shop/newsletter-subscriptions").body_json(&json!({"email": "joe.smith@example.com"})).send().await;
    let joe = customers::Entity::find()
        .filter(customers::Column::Email.eq("joe.smith@example.com"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert!(joe.subscribed_to_news_letter);
    let (status, _) =
        status_json(shop.post("/api/shop/newsletters").body_json(&json!({"email": "nope"})).send().await).await;
    assert_eq!(status, 400);
}
