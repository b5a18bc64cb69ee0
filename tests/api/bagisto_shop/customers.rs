//! Customer accounts over the shop REST API: registration, sign-in (throttled, no enumeration),
//! customer tokens (expiry, revocation, the `apiToken`), token checks, password-reset mails,
//! the profile and its password change, account deletion, and the address book, with every
//! id-taking operation refused for another customer's ids.

use polyshop_entities::{customers, mail_outbox, orders, product_reviews};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, sea_query::Expr};
use serde_json::{Value, json};

use super::support::{PASSWORD, bearer, demo_customer, ids, paging};
use crate::{
    harness::{TestApp, status_json},
    pretty,
};

/// The answer with its secrets and clock-dependent values masked, for snapshots.
fn masked(mut body: Value) -> Value {
    for key in ["token", "apiToken"] {
        if let Some(v) = body.get_mut(key).filter(|v| v.as_str().is_some_and(|s| !s.is_empty())) {
            *v = json!("<secret>");
        }
    }
    body
}

#[tokio::test]
async fn registration_creates_a_signed_in_customer() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let body = json!({
        "firstName": "John", "lastName": "Doe", "email": " John.Doe@Example.com ", "password": PASSWORD,
        "confirmPassword": PASSWORD, "phone": "5550123", "gender": "male", "dateOfBirth": "1990-01-15",
        "subscribedToNewsLetter": true, "deviceToken": "device-1", "isVerified": 1, "status": 0,
    });
    let (status, created) = status_json(shop.post("/api/shop/customers").body_json(&body).send().await).await;
    assert_eq!(status, 201, "{created}");
    let token = created["token"].as_str().unwrap().to_owned();
    let api_token = created["apiToken"].as_str().unwrap().to_owned();
    // Sanctum's `<id>|<secret>`, and an 80-character API token.
    let (id, secret) = token.split_once('|').unwrap();
    assert!(id.parse::<i64>().is_ok() && secret.len() == 40, "{token}");
    assert_eq!(api_token.len(), 80);
    insta::assert_snapshot!(pretty(&masked(created.clone())));
    // Email normalised, gender capitalised, `isVerified`/`status` from the body ignored.
    assert_eq!(created["email"], "john.doe@example.com");
    assert_eq!((created["status"].clone(), created["isVerified"].clone()), (json!(1), json!(0)));

    // Both credentials work at once.
    for credential in [&token, &api_token] {
        let resp = shop.get("/api/shop/customer-profile").header("Authorization", bearer(credential)).send().await;
        let (status, profile) = status_json(resp).await;
        assert_eq!(status, 200, "{profile}");
        assert_eq!(profile[0]["email"], "john.doe@example.com");
    }
    // Stored: the password as an Argon2id hash, the tokens as SHA-256 hashes only.
    let stored = customers::Entity::find_by_id(created["id"].as_i64().unwrap()).one(app.db()).await.unwrap().unwrap();
    assert!(stored.password_hash.unwrap().starts_with("$argon2id$"));
    let row = polyshop_entities::customer_tokens::Entity::find().one(app.db()).await.unwrap().unwrap();
    assert_eq!((row.token_hash.len(), row.name.as_str()), (64, "device-1"));
    assert_ne!(row.token_hash, secret);

    // The same email in another case is taken.
    let again = json!({"firstName": "J", "lastName": "D", "email": "JOHN.DOE@example.com", "password": PASSWORD});
    let (status, body) = status_json(shop.post("/api/shop/customers").body_json(&again).send().await).await;
    assert_eq!((status, body), (409, json!({"message": "The email has already been taken."})));
}

#[tokio::test]
async fn registration_names_what_is_wrong() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let base = json!({"firstName": "Ann", "lastName": "Lee", "email": "ann@example.com", "password": PASSWORD});
    let with = |patch: Value| {
        let mut body = base.clone();
        body.as_object_mut().unwrap().extend(patch.as_object().unwrap().clone());
        body
    };
    let cases = [
        (with(json!({"password": "12345"})), 422, "`password`: must be at least 6 characters"),
        (with(json!({"confirmPassword": "other-pass"})), 422, "Password and confirm password do not match"),
        // Both spellings sent: both must match.
        (
            with(json!({"confirmPassword": PASSWORD, "passwordConfirmation": "x"})),
            422,
            "Password and confirm password do not match",
        ),
        (with(json!({"firstName": "   "})), 422, "`firstName`: is required"),
        (with(json!({"dateOfBirth": "2999-01-01"})), 422, "`dateOfBirth`: must be a date before today"),
        (with(json!({"email": "not-an-email"})), 400, "`email`"),
        (with(json!({"phone": "555-0123"})), 400, "`phone`"),
        (with(json!({"gender": "M"})), 400, "`gender`"),
        (json!({"firstName": "Ann"}), 400, "lastName"),
    ];
    for (body, want_status, want) in cases {
        let (status, answer) = status_json(shop.post("/api/shop/customers").body_json(&body).send().await).await;
        let message = answer["message"].as_str().unwrap_or_default();
        assert!(status == want_status && message.contains(want), "{body}: {status} {answer}");
    }
    assert_eq!(
        customers::Entity::find().filter(customers::Column::Email.eq("ann@example.com")).count(app.db()).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn sign_in_answers_201_and_never_tells_which_emails_exist() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    shop.register("Kim", "kim@example.com", PASSWORD).await;
    let login = |email: &str, password: &str| {
        shop.post("/api/shop/customer/login").body_json(&json!({"email": email, "password": password})).send()
    };
    let (status, ok) = status_json(login("KIM@example.com", PASSWORD).await).await;
    assert_eq!((status, ok["success"].clone()), (201, json!(true)));
    insta::assert_snapshot!(pretty(&masked(ok.clone())));
    assert_eq!(ok["id"], ok["_id"]);

    // A wrong password and an unknown email: the same answer.
    let (s1, wrong) = status_json(login("kim@example.com", "wrong-pass").await).await;
    let (s2, unknown) = status_json(login("nobody@example.com", "wrong-pass").await).await;
    assert_eq!((s1, s2), (201, 201));
    assert_eq!(wrong, unknown);
    assert_eq!(
        wrong,
        json!({"id": 0, "_id": 0, "token": "", "apiToken": "", "success": false, "message": "Invalid email or password"})
    );

    // Suspended and deactivated accounts: the right password tells them so, and issues nothing.
    for (column, value, message) in [
        (customers::Column::IsSuspended, true, "Your account has been suspended"),
        (customers::Column::Status, false, "Your account is inactive. Please contact support."),
    ] {
        customers::Entity::update_many()
            .col_expr(column, Expr::value(value))
            .filter(customers::Column::Email.eq("kim@example.com"))
            .exec(app.db())
            .await
            .unwrap();
        let (status, body) = status_json(login("kim@example.com", PASSWORD).await).await;
        assert_eq!((status, &body["success"], body["message"].as_str()), (201, &json!(false), Some(message)));
        assert_eq!(body["token"], "");
        // The token issued earlier stops working too.
        let resp = shop
            .get("/api/shop/customer-profile")
            .header("Authorization", bearer(ok["token"].as_str().unwrap()))
            .send()
            .await;
        assert_eq!(resp.0.status(), 401);
        customers::Entity::update_many()
            .col_expr(column, Expr::value(!value))
            .filter(customers::Column::Email.eq("kim@example.com"))
            .exec(app.db())
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn sign_in_failures_are_throttled_per_account() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    shop.register("Lou", "lou@example.com", PASSWORD).await;
    let login = |password: &str| {
        shop.post("/api/shop/customer/login")
            .body_json(&json!({"email": "lou@example.com", "password": password}))
            .send()
    };
    for _ in 0..10 {
        assert_eq!(status_json(login("wrong-pass").await).await.1["success"], json!(false));
    }
    // Even the right password is refused now, with a Retry-After.
    let resp = login(PASSWORD).await;
    assert_eq!(resp.0.status(), 429);
    let retry: i64 = resp.0.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    // Another account is not affected.
    shop.register("Max", "max@example.com", PASSWORD).await;
    shop.login("max@example.com", PASSWORD).await;
    // Fifteen minutes later the failures have left the window.
    app.clock.advance(chrono::Duration::minutes(15));
    shop.login("lou@example.com", PASSWORD).await;
}

#[tokio::test]
async fn tokens_expire_after_seven_days_and_logout_revokes_only_the_one_sent() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (id, first) = shop.register("Ned", "ned@example.com", PASSWORD).await;
    let second = shop.login("ned@example.com", PASSWORD).await;
    let verify = |token: Option<&str>, post: bool| {
        let req = if post { shop.post("/api/shop/verify-tokens") } else { shop.get("/api/shop/verify-tokens") };
        match token {
            Some(t) => req.header("Authorization", bearer(t)).send(),
            None => req.send(),
        }
    };
    let (status, ok) = status_json(verify(Some(&second), false).await).await;
    assert_eq!(status, 200);
    assert_eq!(
        ok,
        json!({"isValid": true, "id": id, "firstName": "Ned", "lastName": "Tester", "email": "ned@example.com", "message": "Token is valid"})
    );
    assert_eq!(status_json(verify(Some(&second), true).await).await, (201, ok));
    let (status, none) = status_json(verify(None, false).await).await;
    assert_eq!((status, none["isValid"].clone(), none["id"].clone()), (200, json!(false), json!(0)));
    for bad in ["1|nope", "garbage", &format!("{}x", &first)] {
        let (status, body) = status_json(verify(Some(bad), false).await).await;
        assert_eq!((status, body), (401, json!({"message": "Unauthenticated. Please login to perform this action"})));
    }

    let (status, body) =
        status_json(shop.post("/api/shop/customer/logout").header("Authorization", bearer(&first)).send().await).await;
    assert_eq!((status, body), (201, json!({"success": true, "message": "Logged out successfully"})));
    assert_eq!(verify(Some(&first), false).await.0.status(), 401);
    assert_eq!(verify(Some(&second), false).await.0.status(), 200);
    // Logout needs a token.
    assert_eq!(shop.post("/api/shop/customer/logout").send().await.0.status(), 401);

    app.clock.advance(chrono::Duration::days(7));
    assert_eq!(verify(Some(&second), false).await.0.status(), 401);
}

#[tokio::test]
async fn forgot_password_mails_known_emails_and_answers_the_same_for_all() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    shop.register("Ola", "ola@example.com", PASSWORD).await;
    let ask = |email: &str| shop.post("/api/shop/forgot-passwords").body_json(&json!({"email": email})).send();
    let (s1, known) = status_json(ask("OLA@example.com").await).await;
    let (s2, unknown) = status_json(ask("nobody@example.com").await).await;
    assert_eq!((s1, s2), (201, 201));
    assert_eq!(known, unknown);
    assert_eq!(known, json!({"success": true, "message": "Reset password link has been sent to your email"}));
    let mails = mail_outbox::Entity::find().all(app.db()).await.unwrap();
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(
        (mail.kind.as_str(), mail.to_address.as_str(), mail.sent_at),
        ("password_reset", "ola@example.com", None)
    );
    let link = mail.body_text.lines().find(|l| l.contains("/customer/reset-password/")).unwrap().trim().to_owned();
    assert!(link.ends_with("?email=ola%40example.com"), "{link}");

    // Within a minute a second request sends nothing; later it replaces the link.
    ask("ola@example.com").await;
    assert_eq!(mail_outbox::Entity::find().count(app.db()).await.unwrap(), 1);
    app.clock.advance(chrono::Duration::seconds(61));
    ask("ola@example.com").await;
    let mails = mail_outbox::Entity::find().order_by_asc(mail_outbox::Column::Id).all(app.db()).await.unwrap();
    assert_eq!(mails.len(), 2);
    let token_of = |body: &str| {
        let line = body.lines().find(|l| l.contains("/customer/reset-password/")).unwrap();
        line.split("/customer/reset-password/").nth(1).unwrap().split('?').next().unwrap().to_owned()
    };
    let (old, new) = (token_of(&mails[0].body_text), token_of(&mails[1].body_text));

    // The reset itself (the storefront's page, or GraphQL `resetPassword`): the old link is dead,
    // the new one works once, and every sign-in ends.
    let signed_in = shop.login("ola@example.com", PASSWORD).await;
    let customers = app.state.customers();
    let refused = customers.reset_password("ola@example.com", &old, "new-password", None).await.unwrap_err();
    assert_eq!(refused.status(), 400);
    customers.reset_password("ola@example.com", &new, "new-password", Some("new-password")).await.unwrap();
    assert_eq!(customers.reset_password("ola@example.com", &new, "other-pass", None).await.unwrap_err().status(), 400);
    shop.login("ola@example.com", "new-password").await;
    let resp = shop.get("/api/shop/customer-profile").header("Authorization", bearer(&signed_in)).send().await;
    assert_eq!(resp.0.status(), 401);
}

#[tokio::test]
async fn the_profile_is_read_and_updated_by_its_owner_only() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (id, token) = shop.register("Pia", "pia@example.com", PASSWORD).await;
    let (other_id, _) = shop.register("Quinn", "quinn@example.com", PASSWORD).await;
    let auth = bearer(&token);
    let (status, profile) =
        status_json(shop.get("/api/shop/customer-profile").header("Authorization", &auth).send().await).await;
    assert_eq!(status, 200);
    insta::assert_snapshot!(pretty(&profile));
    // Without a token: 401.
    assert_eq!(shop.get("/api/shop/customer-profile").send().await.0.status(), 401);

    let update = |target: i64, body: Value| {
        shop.put(&format!("/api/shop/customer-profile-updates/{target}"))
            .header("Authorization", &auth)
            .body_json(&body)
            .send()
    };
    // Another customer's id, like an unknown one: 404, nothing changed.
    let (status, _) = status_json(update(other_id, json!({"firstName": "Hacked"})).await).await;
    assert_eq!(status, 404);
    let quinn = customers::Entity::find_by_id(other_id).one(app.db()).await.unwrap().unwrap();
    assert_eq!(quinn.first_name, "Quinn");

    let (status, updated) = status_json(
        update(id, json!({"firstName": "Pia Maria", "lastName": "", "gender": "Female", "phone": "123"})).await,
    )
    .await;
    assert_eq!(status, 200, "{updated}");
    insta::assert_snapshot!(pretty(&updated));
    assert_eq!((updated["firstName"].clone(), updated["lastName"].clone()), (json!("Pia Maria"), json!("Tester")));

    // Email taken, wrong current password, mismatching confirmation: refused, nothing changed.
    assert_eq!(status_json(update(id, json!({"email": "Quinn@example.com"})).await).await.0, 409);
    let (status, body) =
        status_json(update(id, json!({"password": "brand-new", "currentPassword": "nope"})).await).await;
    assert_eq!((status, body), (400, json!({"message": "The current password you entered is incorrect"})));
    assert_eq!(status_json(update(id, json!({"password": "brand-new"})).await).await.0, 400);
    let (status, _) = status_json(
        update(id, json!({"password": "brand-new", "currentPassword": PASSWORD, "confirmPassword": "brand-old"})).await,
    )
    .await;
    assert_eq!(status, 422);
    shop.login("pia@example.com", PASSWORD).await;

    // A password change keeps the token sent valid; the new password signs in.
    let (status, _) = status_json(
        update(id, json!({"password": "brand-new", "currentPassword": PASSWORD, "firstName": "Pia"})).await,
    )
    .await;
    assert_eq!(status, 200);
    shop.login("pia@example.com", "brand-new").await;
    let resp = shop.get("/api/shop/customer-profile").header("Authorization", &auth).send().await;
    assert_eq!(resp.0.status(), 200);
}

#[tokio::test]
async fn accounts_are_deleted_once_no_order_is_in_progress() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (id, token) = demo_customer(&app, &shop, "joe.smith@example.com").await;
    let auth = bearer(&token);
    let (other, _) = shop.register("Rex", "rex@example.com", PASSWORD).await;
    let his_orders = || orders::Entity::find().filter(orders::Column::CustomerId.eq(id)).count(app.db());
    let order_count = his_orders().await.unwrap();
    assert!(order_count > 0);

    // Another customer's id: 404 with either verb.
    let resp =
        shop.delete(&format!("/api/shop/customer-profile-deletes/{other}")).header("Authorization", &auth).send().await;
    assert_eq!(resp.0.status(), 404);
    let resp =
        shop.post(&format!("/api/shop/customer-profile-deletes/{other}")).header("Authorization", &auth).send().await;
    assert_eq!(resp.0.status(), 404);

    // Joe has a pending order: 409.
    let path = format!("/api/shop/customer-profile-deletes/{id}");
    let (status, body) = status_json(shop.delete(&path).header("Authorization", &auth).send().await).await;
    assert_eq!(
        (status, body),
        (409, json!({"message": "The account has pending or processing orders and cannot be deleted."}))
    );
    orders::Entity::update_many()
        .col_expr(orders::Column::Status, Expr::value("completed"))
        .filter(orders::Column::CustomerId.eq(id))
        .exec(app.db())
        .await
        .unwrap();
    let reviews_before = product_reviews::Entity::find().count(app.db()).await.unwrap();
    let (status, body) = status_json(shop.post(&path).header("Authorization", &auth).send().await).await;
    assert_eq!((status, body), (201, json!({"success": true, "message": "Account deleted successfully"})));

    // Gone with its tokens; orders and reviews stay, detached.
    assert!(customers::Entity::find_by_id(id).one(app.db()).await.unwrap().is_none());
    assert_eq!(shop.get("/api/shop/customer-profile").header("Authorization", &auth).send().await.0.status(), 401);
    assert_eq!(his_orders().await.unwrap(), 0);
    let kept = orders::Entity::find()
        .filter(orders::Column::CustomerEmail.eq("joe.smith@example.com"))
        .all(app.db())
        .await
        .unwrap();
    assert_eq!(kept.len() as u64, order_count);
    assert!(kept.iter().all(|o| o.is_guest && o.customer_id.is_none()));
    assert_eq!(product_reviews::Entity::find().count(app.db()).await.unwrap(), reviews_before);
    // The email may be registered again.
    shop.register("Joe", "joe.smith@example.com", PASSWORD).await;
}

fn new_address(first_name: &str) -> Value {
    json!({
        "firstName": first_name, "lastName": "Doe", "email": "jane@example.com", "phone": "555-0100",
        "address1": "12 Main Street", "address2": "Apt 4", "city": "Springfield", "state": "IL",
        "country": "us", "postcode": "62701", "companyName": "", "vatId": "VAT-1",
    })
}

#[tokio::test]
async fn the_address_book_keeps_one_default_and_at_most_ten_addresses() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, token) = shop.register("Sam", "sam@example.com", PASSWORD).await;
    let auth = bearer(&token);
    let create =
        |body: Value| shop.post("/api/shop/customer-addresses").header("Authorization", &auth).body_json(&body).send();

    let (status, first) = status_json(create(new_address("Jane")).await).await;
    assert_eq!(status, 201, "{first}");
    insta::assert_snapshot!(pretty(&first));
    // The first address is the default; the country is stored upper-case.
    assert_eq!((first["defaultAddress"].clone(), first["country"].clone()), (json!(true), json!("US")));
    let (_, second) = status_json(create(new_address("Second")).await).await;
    assert_eq!(second["defaultAddress"], false);
    let mut third = new_address("Third");
    third["defaultAddress"] = json!(true);
    let (_, third) = status_json(create(third).await).await;
    let list = || shop.get("/api/shop/customer-addresses").header("Authorization", &auth).send();
    let resp = list().await;
    assert_eq!(paging(&resp), ["3", "1", "10", "1"].map(String::from));
    let (_, body) = status_json(resp).await;
    let defaults: Vec<(i64, bool)> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_i64().unwrap(), a["defaultAddress"].as_bool().unwrap()))
        .collect();
    let (a, b, c) = (first["id"].as_i64().unwrap(), second["id"].as_i64().unwrap(), third["id"].as_i64().unwrap());
    assert_eq!(defaults, [(a, false), (b, false), (c, true)]);
    // Sorted newest first on request; an unknown sort key falls back to ids.
    let resp =
        shop.get("/api/shop/customer-addresses?sort=id-desc&per_page=2").header("Authorization", &auth).send().await;
    let (status, body) = status_json(resp).await;
    assert!(status == 200 && body.is_array(), "{body}");
    assert_eq!(ids(&body), [c, b]);
    let resp = shop.get("/api/shop/customer-addresses?sort=bogus").header("Authorization", &auth).send().await;
    let (status, body) = status_json(resp).await;
    assert!(status == 200 && body.is_array(), "{body}");
    assert_eq!(ids(&body), [a, b, c]);

    // A partial update: address1 replaces the first line only; "" clears address2 and vatId.
    let (status, updated) = status_json(
        shop.put(&format!("/api/shop/customer-addresses/{a}"))
            .header("Authorization", &auth)
            .body_json(&json!({"address1": "1 New Road", "vatId": "", "city": "Chicago"}))
            .send()
            .await,
    )
    .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(
        (updated["address"].clone(), updated["vatId"].clone(), updated["city"].clone()),
        (json!("1 New Road\nApt 4"), Value::Null, json!("Chicago"))
    );
    // Deleting the default makes the oldest remaining address the default.
    let (status, body) = status_json(
        shop.delete(&format!("/api/shop/customer-addresses/{c}")).header("Authorization", &auth).send().await,
    )
    .await;
    assert_eq!((status, body), (200, json!({"success": true, "message": "Address deleted successfully"})));
    let (_, got) =
        status_json(shop.get(&format!("/api/shop/customer-addresses/{a}")).header("Authorization", &auth).send().await)
            .await;
    assert_eq!(got["defaultAddress"], true);

    // Ten at most.
    for i in 0..8 {
        assert_eq!(create(new_address(&format!("N{i}"))).await.0.status(), 201);
    }
    let (status, body) = status_json(create(new_address("Eleventh")).await).await;
    assert_eq!(status, 422, "{body}");
    // An unknown country: 422 naming it.
    let mut unknown = new_address("X");
    unknown["country"] = json!("QQ");
    let (status, body) = status_json(
        shop.put(&format!("/api/shop/customer-addresses/{a}"))
            .header("Authorization", &auth)
            .body_json(&unknown)
            .send()
            .await,
    )
    .await;
    assert_eq!((status, body["message"].as_str().unwrap()), (422, "`country`: `QQ` is not a known country code"));
}

#[tokio::test]
async fn another_customers_addresses_do_not_exist_for_you() {
    let app = TestApp::new().await;
    let shop = app.shop().await;
    let (_, owner) = shop.register("Tia", "tia@example.com", PASSWORD).await;
    let (_, intruder) = shop.register("Uma", "uma@example.com", PASSWORD).await;
    let resp = shop
        .post("/api/shop/customer-addresses")
        .header("Authorization", bearer(&owner))
        .body_json(&new_address("Tia"))
        .send()
        .await;
    let id = status_json(resp).await.1["id"].as_i64().unwrap();
    let path = format!("/api/shop/customer-addresses/{id}");
    let auth = bearer(&intruder);
    let not_found = json!({"message": format!("Customer address with ID \"{id}\" not found.")});
    assert_eq!(
        status_json(shop.get(&path).header("Authorization", &auth).send().await).await,
        (404, not_found.clone())
    );
    let resp = shop.put(&path).header("Authorization", &auth).body_json(&json!({"city": "Nowhere"})).send().await;
    assert_eq!(status_json(resp).await, (404, not_found.clone()));
    assert_eq!(status_json(shop.delete(&path).header("Authorization", &auth).send().await).await, (404, not_found));
    let resp = shop.get("/api/shop/customer-addresses").header("Authorization", &auth).send().await;
    assert_eq!(status_json(resp).await.1, json!([]));
    // The owner's address is untouched.
    let (status, got) = status_json(shop.get(&path).header("Authorization", bearer(&owner)).send().await).await;
    assert_eq!((status, got["city"].clone()), (200, json!("Springfield")));
    // Without a token every address operation is a 401.
    assert_eq!(shop.get(&path).send().await.0.status(), 401);
}
