-- wrk script: the Bagisto GraphQL page of 20 products, POST /api/graphql; the counterpart of
-- the REST `GET /api/shop/products?per_page=20`. Storefront key from run.sh's `-H`.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query":"{ products(first: 20) { edges { node { id sku name price } } } }"}'
