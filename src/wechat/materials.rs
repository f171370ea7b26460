//! Reading the account's image listing to find wxform's uploads, within a stated bound.
//!
//! WeChat has no look-up of a material by name or content, only `material/batchget_material`,
//! 20 images a page, and an account may hold 100 000 images (5 000 pages). The first page says
//! how many there are (`total_count`), so an account with at most 20 images costs one round
//! trip; the other pages are then read [`PAGES_AT_ONCE`] at a time, and at most [`MAX_PAGES`]
//! pages in all: at most 1 + ⌈(100 − 1) / 10⌉ = 11 round trips, whatever the account holds.
//! Past [`MAX_PAGES`] × 20 images the listing is incomplete and says so
//! ([`LiveMaterials::complete`]): an upload not found may be there, and the plan says that it
//! uploads again (a duplicate material, never a wrong menu).

use super::api::material::LIST_PAGE;
use super::wire::material::MaterialListResponse;
use super::{Client, WechatError};
use crate::media::UPLOAD_PREFIX;
use crate::model::{LiveMaterial, LiveMaterials};
use crate::mutex::lock;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Pages read at the same time after the first.
pub const PAGES_AT_ONCE: u64 = 10;

/// Pages read in all: 2 000 images.
pub const MAX_PAGES: u64 = 100;

/// The account's images, as far as the bound reaches, with wxform's uploads among them.
pub fn read_materials(client: &Client) -> Result<LiveMaterials, WechatError> {
    let first = client.material_images(0)?;
    let total = first.total_count;
    let pages = total.div_ceil(LIST_PAGE).clamp(1, MAX_PAGES);
    let mut found = Found::default();
    found.add(first);
    let found = Mutex::new(found);
    let next = AtomicU64::new(1);
    let failed = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..PAGES_AT_ONCE.min(pages - 1) {
            scope.spawn(|| {
                loop {
                    let page = next.fetch_add(1, Ordering::SeqCst);
                    if page >= pages || lock(&failed).is_some() {
                        return;
                    }
                    match client.material_images(page * LIST_PAGE) {
                        Ok(answer) => lock(&found).add(answer),
                        Err(error) => {
                            lock(&failed).get_or_insert(error);
                        }
                    }
                }
            });
        }
    });
    if let Some(error) = failed.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(error);
    }
    let found = found.into_inner().unwrap_or_else(|p| p.into_inner());
    let mut uploads = found.uploads;
    // Pages end in any order: one order, whatever the timing.
    uploads.sort_by(|a, b| (&a.name, b.update_time).cmp(&(&b.name, a.update_time)));
    Ok(LiveMaterials {
        total,
        listed: found.listed.min(total),
        uploads,
    })
}

/// What the pages read so far hold.
#[derive(Default)]
struct Found {
    listed: u64,
    uploads: Vec<LiveMaterial>,
}

impl Found {
    fn add(&mut self, page: MaterialListResponse) {
        self.listed += page.item.len() as u64;
        let uploads = page
            .item
            .into_iter()
            .filter(|item| item.name.starts_with(UPLOAD_PREFIX));
        self.uploads.extend(uploads.map(|item| LiveMaterial {
            name: item.name,
            media_id: item.media_id,
            update_time: item.update_time.unwrap_or_default(),
        }));
    }
}
