-- wrk script: the Bagisto GraphQL product query (one product by its IRI), POST /api/graphql.
-- The storefront key comes from run.sh as `-H "X-STOREFRONT-KEY: ..."`.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query":"{ product(id: \\"/api/shop/products/1\\") { id sku name price } }"}'
