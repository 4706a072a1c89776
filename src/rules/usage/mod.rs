//! U: least privilege from real traffic (`procore-manifest usage`). The
//! rules are declared here; they are checked by `crate::usage`, which has
//! the API Call Activity Report the lint of a manifest alone does not.

pub mod u001_unused_grant;
pub mod u002_over_grant;
pub mod u003_missing_grant;
pub mod u004_unmapped_route;

pub use u001_unused_grant::U001;
pub use u002_over_grant::U002;
pub use u003_missing_grant::U003;
pub use u004_unmapped_route::U004;
