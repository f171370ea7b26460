//! The WeChat HTTP client: tokens, endpoints, wire types, the error catalogue, retries. It never
//! prints.
