//! Notifications from the client.

pub mod did_change;
pub mod did_close;
pub mod did_open;
pub mod did_save;
