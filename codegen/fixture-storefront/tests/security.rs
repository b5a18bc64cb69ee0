//! The generated security plumbing, exercised on the fixture storefront: a storefront key with a
//! required or an optional user token, an administrator's token with a permission, the context
//! hook, and the served document's security requirements as the spec writes them.

use std::sync::Arc;

use poem::{Endpoint, EndpointExt, Request, Response, http::StatusCode, test::TestClient};
use polyshop_fixture_storefront::{catalogue::*, docs::*, *};
use polyshop_runtime::{
    AdmittedCaller, BearerVerifier, Page, Permissions, Principal, RequestContext, ServiceError,
    operations::with_spec_security,
};
use serde_json::{Value, json};

/// Answers with what the handler handed over, so the tests can read it.
struct Catalogue;

#[async_trait::async_trait]
impl CatalogueService for Catalogue {
    async fn list_pets(&self, _: &RequestContext, input: ListPetsInput) -> Result<Page<models::Pet>, ServiceError> {
        Ok(Page::new(Vec::new(), 0, input.window()))
    }

    async fn get_pet_photo(
        &self,
        _: &RequestContext,
        input: GetPetPhotoInput,
    ) -> Result<GetPetPhotoResponse, ServiceError> {
        Err(ServiceError::not_found_id("Pet", input.id))
    }

    async fn get_basket(&self, ctx: &RequestContext, _: GetBasketInput) -> Result<Vec<models::Pet>, ServiceError> {
        let name = format!("{:?} / {:?} / locale {:?}", ctx.principal, ctx.user, ctx.get::<Locale>().map(|l| &l.0));
        Ok(vec![models::Pet {
            id: 1,
            name,
            price: None,
            species: None,
            owner_name: None,
            tags: None,
            stock: None,
            extra: None,
        }])
    }

    /// A guest's basket is not served here, so the status tells guest from shopper.
    async fn add_to_basket(&self, ctx: &RequestContext, _: AddToBasketInput) -> Result<(), ServiceError> {
        match ctx.user {
            Some(_) => Ok(()),
            None => Err(ServiceError::not_found("guest")),
        }
    }

    async fn retire_pet(&self, _: &RequestContext, _: RetirePetInput) -> Result<(), ServiceError> {
        Ok(())
    }
}

struct Docs;

#[async_trait::async_trait]
impl DocsService for Docs {
    async fn browse_docs(&self, _: &RequestContext, _: BrowseDocsInput) -> Result<String, ServiceError> {
        Ok(String::new())
    }
}

#[derive(Clone)]
struct Locale(Option<String>);

struct Hook;

impl ContextHook for Hook {
    fn attach(&self, ctx: &mut RequestContext, params: ContextParams) {
        ctx.insert(Locale(params.x_locale));
    }
}

struct Tokens;

#[async_trait::async_trait]
impl BearerVerifier for Tokens {
    /// Shoppers' tokens are good for `ShopperToken` only, staff tokens for `StaffToken` only.
    async fn verify(&self, scheme: &str, token: &str) -> Result<Principal, ServiceError> {
        let only = |p: &[&str]| Permissions::Only(p.iter().map(|s| s.to_string()).collect());
        match (scheme, token) {
            ("ShopperToken", "shopper") => Ok(Principal::Storefront { storefront_key_id: 99 }),
            ("StaffToken", "manager") => {
                Ok(Principal::Admin { admin_id: 1, permissions: only(&["catalogue.pets.retire"]) })
            }
            ("StaffToken", "clerk") => {
                Ok(Principal::Admin { admin_id: 2, permissions: only(&["catalogue.pets.view"]) })
            }
            _ => Err(ServiceError::unauthorized("Invalid token")),
        }
    }
}

/// Stands in for a storefront key gate: admits every request as key 7.
struct Gate<E>(E);

impl<E: Endpoint<Output = Response>> Endpoint for Gate<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> poem::Result<Response> {
        req.extensions_mut().insert(AdmittedCaller(Principal::Storefront { storefront_key_id: 7 }));
        self.0.call(req).await
    }
}

fn service() -> poem_openapi::OpenApiService<(CatalogueApi, DocsApi), ()> {
    openapi_service(Services { context: Arc::new(Hook), catalogue: Arc::new(Catalogue), docs: Arc::new(Docs) })
}

fn client() -> TestClient<impl Endpoint> {
    let app = service().data(Arc::new(Tokens) as Arc<dyn BearerVerifier>).map_to_response();
    TestClient::new(Gate(app))
}

async fn status_and_body(resp: poem::test::TestResponse) -> (StatusCode, String) {
    let status = resp.0.status();
    (status, resp.0.into_body().into_string().await.unwrap())
}

#[tokio::test]
async fn a_required_user_token_is_handed_over_with_the_key_and_the_context() {
    let c = client();
    let resp = c
        .get("/shop/basket")
        .header("X-STOREFRONT-KEY", "k")
        .header("Authorization", "Bearer shopper")
        .header("X-Locale", "fr")
        .send()
        .await;
    let (status, body) = status_and_body(resp).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        body[0]["name"],
        "Storefront { storefront_key_id: 7 } / Some(Storefront { storefront_key_id: 99 }) / locale Some(Some(\"fr\"))"
    );

    let missing = c.get("/shop/basket").header("X-STOREFRONT-KEY", "k").send().await;
    assert_eq!(missing.0.status(), StatusCode::UNAUTHORIZED);
    let invalid = c.get("/shop/basket").header("X-STOREFRONT-KEY", "k").header("Authorization", "Bearer nope").send();
    let (status, body) = status_and_body(invalid.await).await;
    assert_eq!((status, body.as_str()), (StatusCode::UNAUTHORIZED, r#"{"message":"Invalid token"}"#));
}

#[tokio::test]
async fn an_optional_user_token_may_be_left_out_but_not_be_wrong() {
    let c = client();
    let add = |token: Option<&'static str>| {
        let req = c.post("/shop/basket?pet_id=1").header("X-STOREFRONT-KEY", "k");
        match token {
            Some(t) => req.header("Authorization", format!("Bearer {t}")),
            None => req,
        }
    };
    assert_eq!(add(None).send().await.0.status(), StatusCode::NOT_FOUND, "a guest");
    assert_eq!(add(Some("shopper")).send().await.0.status(), StatusCode::NO_CONTENT, "a shopper");
    let (status, body) = status_and_body(add(Some("nope")).send().await).await;
    assert_eq!((status, body.as_str()), (StatusCode::UNAUTHORIZED, r#"{"message":"Invalid token"}"#));
    assert_eq!(add(Some("manager")).send().await.0.status(), StatusCode::UNAUTHORIZED, "a staff token is no shopper's");
    // The token is checked before the parameters: a bad token with a missing `pet_id` is a 401.
    let bad_both = c.post("/shop/basket").header("X-STOREFRONT-KEY", "k").header("Authorization", "Bearer nope");
    assert_eq!(bad_both.send().await.0.status(), StatusCode::UNAUTHORIZED);
    let missing = c.post("/shop/basket").header("X-STOREFRONT-KEY", "k").send().await;
    assert_eq!(missing.0.status(), StatusCode::BAD_REQUEST, "a guest missing `pet_id`");
    // An Authorization header that is not a usable bearer token is no guest either.
    for header in ["Basic dXNlcjpwYXNz", "Bearer", "Token shopper"] {
        let resp =
            c.post("/shop/basket?pet_id=1").header("X-STOREFRONT-KEY", "k").header("Authorization", header).send();
        assert_eq!(resp.await.0.status(), StatusCode::UNAUTHORIZED, "{header}");
    }
}

#[tokio::test]
async fn a_permission_is_checked_against_the_administrator() {
    let c = client();
    let retire = |token: &str| c.delete("/shop/pets/3").header("Authorization", format!("Bearer {token}")).send();
    assert_eq!(retire("manager").await.0.status(), StatusCode::NO_CONTENT);
    let (status, body) = status_and_body(retire("clerk").await).await;
    assert_eq!((status, body.as_str()), (StatusCode::FORBIDDEN, r#"{"message":"This action is unauthorized."}"#));
    assert_eq!(retire("nope").await.0.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(retire("shopper").await.0.status(), StatusCode::UNAUTHORIZED, "a shopper's token is no staff token");
}

#[test]
fn the_served_document_states_security_as_the_spec_does() {
    let doc: Value = serde_json::from_str(&with_spec_security(&service().spec(), OPERATIONS)).unwrap();
    let security = |path: &str, method: &str| doc["paths"][path][method]["security"].clone();
    assert_eq!(security("/shop/basket", "get"), json!([{"StorefrontKey": [], "ShopperToken": []}]));
    assert_eq!(
        security("/shop/basket", "post"),
        json!([{"StorefrontKey": [], "ShopperToken": []}, {"StorefrontKey": []}])
    );
    assert_eq!(security("/shop/pets/{id}", "delete"), json!([{"StaffToken": []}]));
    assert_eq!(security("/shop/pets", "get"), json!([{"StorefrontKey": []}]));
    let retire = OPERATIONS.iter().find(|o| o.operation_id == "retire_pet").unwrap();
    assert_eq!(retire.permission, Some("catalogue.pets.retire"));
}
