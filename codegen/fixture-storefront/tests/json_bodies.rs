//! Response bodies are written with serde (`polyshop_runtime::payload::Json`) while
//! poem-openapi's `Object` derive documents them: both must write the same bytes, for every kind
//! of field the generator emits (renamed, nullable, omitted when empty, decimal, enum, list, map,
//! free-form).

use poem::IntoResponse;
use poem_openapi::types::ToJSON;
use polyshop_fixture_storefront::models::{Pet, PetSpecies};
use polyshop_runtime::{JsonDecimal, decimal::parse_number_text};
use serde_json::json;

fn full_pet() -> Pet {
    Pet {
        id: 1,
        name: "Rex \"the\" dog ✓".into(),
        price: parse_number_text("12.50").map(JsonDecimal),
        species: Some(PetSpecies::Dog),
        owner_name: Some("Ann".into()),
        tags: Some(vec!["calm".into(), "house-trained".into()]),
        stock: Some([("north".to_owned(), 2), ("east".to_owned(), 0)].into()),
        extra: Some(json!({"z": 1, "a": [true, null, "x"]})),
    }
}

fn bare_pet() -> Pet {
    Pet {
        id: 2,
        name: "Tom".into(),
        price: None,
        species: None,
        owner_name: None,
        tags: None,
        stock: None,
        extra: None,
    }
}

#[test]
fn a_model_serializes_as_its_documented_object() {
    for pet in [full_pet(), bare_pet()] {
        let documented = serde_json::to_string(&pet.to_json()).unwrap();
        assert_eq!(serde_json::to_string(&pet).unwrap(), documented);
    }
    // The bytes themselves: decimals keep their scale, map keys are sorted, free-form values keep
    // their order, a nullable field is null and an optional one is left out.
    assert_eq!(
        serde_json::to_string(&full_pet()).unwrap(),
        r#"{"id":1,"name":"Rex \"the\" dog ✓","price":12.50,"species":"dog","ownerName":"Ann","tags":["calm","house-trained"],"stock":{"east":0,"north":2},"extra":{"z":1,"a":[true,null,"x"]}}"#
    );
    assert_eq!(serde_json::to_string(&bare_pet()).unwrap(), r#"{"id":2,"name":"Tom","ownerName":null}"#);
}

#[tokio::test]
async fn the_json_payload_answers_as_poem_openapis_json() {
    let ours = polyshop_runtime::payload::Json(vec![full_pet(), bare_pet()]).into_response();
    let theirs = poem_openapi::payload::Json(vec![full_pet(), bare_pet()]).into_response();
    assert_eq!(ours.status(), theirs.status());
    assert_eq!(ours.headers(), theirs.headers());
    assert_eq!(ours.into_body().into_vec().await.unwrap(), theirs.into_body().into_vec().await.unwrap());
}
