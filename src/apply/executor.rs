//! One step of an apply, with everything that makes it safe: the tag id a conditional menu
//! needs, adopting what another run created (against the stage's re-read), recovery after an
//! unanswered write, the button a size rejection concerns, and what the step teaches the steps
//! after it (a new tag's id, the ids that are this apply's own).
//!
//! The [`Executor`] is shared by every lane at once: what steps learn sits behind locks, and
//! the observer hears one event at a time, so each progress line is whole.

use super::recover::{self, Known};
use super::{Event, NewId, Observer, PlannedStep, StepError};
use crate::media::Image;
use crate::model::{Desired, IndustryCodes, Live, Menu, TagRef, is_system_tag};
use crate::mutex::lock;
use crate::plan::Step;
use crate::wechat::{Client, MatchRuleOut, Sections, WechatError, read_live};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// What a step ended with: the id it created and whether it was found done by re-reading.
pub(super) type StepResult = Result<(Option<NewId>, bool), StepError>;

/// The state of one apply that its steps share.
pub(super) struct Executor<'a> {
    pub(super) client: &'a Client,
    /// The configuration, for the identity of what an add creates.
    pub(super) desired: &'a Desired,
    /// Ids on the account when this apply read it, and every id a step of it created or
    /// adopted since: what an add is recognised against.
    known: Mutex<Known>,
    /// Tag names → ids, including tags created or renamed by this apply.
    tag_ids: Mutex<BTreeMap<String, u64>>,
    /// Media files (as configured) → the `media_id` of the upload this apply made or found.
    media_ids: Mutex<BTreeMap<String, String>>,
    /// Media files → their content, read again right before the upload.
    images: Mutex<BTreeMap<String, Arc<Image>>>,
    observer: Mutex<&'a mut Observer<'a>>,
    /// A step failed: no other step starts.
    stopped: AtomicBool,
}

/// The one re-read of a stage's section before its adds: made when the first add needs it,
/// then shared by every add of the stage.
pub(super) struct Reread {
    section: Sections,
    live: Mutex<Option<Arc<Live>>>,
}

impl Reread {
    pub(super) fn new(step: &Step) -> Reread {
        Reread {
            section: recover::section(step),
            live: Mutex::new(None),
        }
    }

    /// The section as read right before the stage's first add; read now if it has not been.
    pub(super) fn get(&self, client: &Client) -> Result<Arc<Live>, WechatError> {
        let mut live = lock(&self.live);
        if let Some(live) = &*live {
            return Ok(Arc::clone(live));
        }
        let read = Arc::new(read_live(client, self.section)?);
        *live = Some(Arc::clone(&read));
        Ok(read)
    }
}

impl<'a> Executor<'a> {
    pub(super) fn new(
        client: &'a Client,
        desired: &'a Desired,
        live: &Live,
        observer: &'a mut Observer<'a>,
    ) -> Executor<'a> {
        let tag_ids = live.tags.iter().filter(|tag| !is_system_tag(tag.id));
        Executor {
            client,
            desired,
            known: Mutex::new(Known::from_live(live)),
            tag_ids: Mutex::new(tag_ids.map(|tag| (tag.name.clone(), tag.id)).collect()),
            media_ids: Mutex::new(BTreeMap::new()),
            images: Mutex::new(BTreeMap::new()),
            observer: Mutex::new(observer),
            stopped: AtomicBool::new(false),
        }
    }

    /// Whether a step has failed, so that no other may start.
    pub(super) fn stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }

    fn tell(&self, event: Event<'_>) {
        (lock(&self.observer))(event);
    }

    /// One step, with recovery; `reread` is its stage's re-read, for adds.
    pub(super) fn run(&self, step: &PlannedStep, reread: &Reread) -> StepResult {
        let started = Instant::now();
        let result = self
            .attempt(step, reread)
            .map_err(|error| blame(step, error));
        match &result {
            Ok((new_id, recovered)) => {
                self.learn(&step.step, new_id.as_ref());
                if !recovered {
                    self.tell(Event::Done {
                        step,
                        new_id: new_id.as_ref(),
                        elapsed: started.elapsed(),
                    });
                }
            }
            Err(error) => self.failed(step, error, started),
        }
        result
    }

    /// Reports `step` failed with `error` and stops the apply.
    pub(super) fn failed(&self, step: &PlannedStep, error: &StepError, started: Instant) {
        self.stopped.store(true, Ordering::SeqCst);
        self.tell(Event::Failed {
            step,
            error,
            elapsed: started.elapsed(),
        });
    }

    fn attempt(&self, step: &PlannedStep, reread: &Reread) -> StepResult {
        if let Some(resolved) = self.with_images(&step.step)? {
            let step = PlannedStep {
                step: resolved,
                ..step.clone()
            };
            return self.attempt(&step, reread);
        }
        self.verify_image(&step.step)?;
        let tag_id = self.matchrule_tag(&step.step)?;
        if recover::creates(&step.step) {
            let section = reread.get(self.client)?;
            let found = self.effect(&section, &step.step, tag_id);
            if let Some(new_id) = found {
                self.tell(Event::Adopted {
                    step,
                    new_id: new_id.as_ref(),
                });
                return Ok((new_id, true));
            }
        }
        let error = match self.call(&step.step, tag_id) {
            Ok(new_id) => return Ok((new_id, false)),
            Err(error) if !recover::worth_checking(&step.step, &error) => return Err(error.into()),
            Err(error) => error,
        };
        self.tell(Event::Checking {
            step,
            error: &error,
        });
        self.recover(step, tag_id, error)
    }

    /// After a call that failed in a way worth checking: re-read the step's section and believe
    /// what it shows.
    fn recover(&self, step: &PlannedStep, tag_id: Option<u64>, error: WechatError) -> StepResult {
        let found = read_live(self.client, recover::section(&step.step))
            .map(|live| self.effect(&live, &step.step, tag_id));
        match found {
            Err(read) => Err(StepError::Unverified {
                error: Box::new(error),
                read: Box::new(read),
            }),
            Ok(Some(new_id)) => {
                self.tell(Event::AlreadyDone {
                    step,
                    new_id: new_id.as_ref(),
                });
                Ok((new_id, true))
            }
            // "Not found" is an answer; an unanswered call or a -1 (which the client does not
            // repeat for adds) that left no trace gets one more try.
            Ok(None) if !(error.is_outcome_unknown() || recover::is_system_error(&error)) => {
                Err(error.into())
            }
            Ok(None) => {
                self.tell(Event::Retrying { step });
                Ok((self.call(&step.step, tag_id)?, false))
            }
        }
    }

    /// Whether `live` shows the change of `step`, against the ids known now.
    fn effect(&self, live: &Live, step: &Step, tag_id: Option<u64>) -> Option<Option<NewId>> {
        recover::effect(live, self.desired, step, tag_id, &lock(&self.known))
    }

    /// The tag id a conditional menu's matchrule needs (a tag name is one created or renamed
    /// by this apply).
    fn matchrule_tag(&self, step: &Step) -> Result<Option<u64>, StepError> {
        let Step::AddConditionalMenu { matchrule, .. } = step else {
            return Ok(None);
        };
        match &matchrule.tag {
            None => Ok(None),
            Some(TagRef::Id(id)) => Ok(Some(*id)),
            Some(TagRef::Name(name)) => lock(&self.tag_ids)
                .get(name)
                .map(|id| Some(*id))
                .ok_or_else(|| StepError::UnknownTag(name.clone())),
        }
    }

    /// A menu step whose buttons name media files, with the ids of their uploads; `None` when
    /// no button of the step names one.
    fn with_images(&self, step: &Step) -> Result<Option<Step>, StepError> {
        let (Step::CreateMenu { button } | Step::AddConditionalMenu { button, .. }) = step else {
            return Ok(None);
        };
        let mut files = Vec::new();
        named_files(button, &mut files);
        if files.is_empty() {
            return Ok(None);
        }
        let mut step = step.clone();
        let (Step::CreateMenu { button } | Step::AddConditionalMenu { button, .. }) = &mut step
        else {
            unreachable!("a menu step stays one");
        };
        let ids = lock(&self.media_ids);
        for file in files {
            let media_id = ids
                .get(&file)
                .ok_or_else(|| StepError::UnknownMaterial(file.clone()))?;
            crate::plan::resolve_buttons(button, &file, media_id);
        }
        Ok(Some(step))
    }

    /// Remembers what a successful step changed, for the steps after it.
    fn learn(&self, step: &Step, new_id: Option<&NewId>) {
        if let Some(new_id) = new_id {
            lock(&self.known).record(new_id);
        }
        if let (Step::UploadMaterial { file, .. }, Some(NewId::Material(id))) = (step, new_id) {
            lock(&self.media_ids).insert(file.clone(), id.clone());
        }
        let mut tag_ids = lock(&self.tag_ids);
        match (step, new_id) {
            (Step::CreateTag { name }, Some(NewId::Tag(id))) => {
                tag_ids.insert(name.clone(), *id);
            }
            (Step::RenameTag { id, from, to }, _) => {
                tag_ids.remove(from);
                tag_ids.insert(to.clone(), *id);
            }
            _ => {}
        }
    }

    fn call(&self, step: &Step, tag_id: Option<u64>) -> Result<Option<NewId>, WechatError> {
        let client = self.client;
        match step {
            Step::RenameTag { id, to, .. } => client.tag_update(*id, to).map(|()| None),
            Step::CreateTag { name } => Ok(Some(NewId::Tag(client.tag_create(name)?))),
            Step::SetIndustry { primary, secondary } => {
                client.set_industry(IndustryCodes {
                    primary: *primary,
                    secondary: *secondary,
                })?;
                Ok(None)
            }
            Step::DeleteTemplate { template_id, .. } => {
                client.del_template(template_id).map(|()| None)
            }
            Step::AddTemplate {
                short_id, keywords, ..
            } => Ok(Some(NewId::Template(
                client.add_template(short_id, keywords)?,
            ))),
            Step::DeleteSubscribeTemplate { pri_tmpl_id, .. } => {
                client.subscribe_del(pri_tmpl_id).map(|()| None)
            }
            Step::AddSubscribeTemplate {
                tid,
                kid_list,
                scene_desc,
                ..
            } => Ok(Some(NewId::SubscribeTemplate(client.subscribe_add(
                *tid,
                kid_list,
                scene_desc.as_deref(),
            )?))),
            Step::CreateMenu { button } => client
                .menu_create(&Menu {
                    button: button.clone(),
                })
                .map(|()| None),
            Step::DeleteMenu => client.menu_delete().map(|()| None),
            Step::DeleteConditionalMenu { menuid } => {
                client.del_conditional(*menuid).map(|()| None)
            }
            Step::AddConditionalMenu {
                matchrule, button, ..
            } => {
                let rule = MatchRuleOut::new(tag_id, matchrule.client_platform_type);
                Ok(Some(NewId::ConditionalMenu(
                    client.add_conditional(button, &rule)?,
                )))
            }
            Step::DeleteTag { id, .. } => client.tag_delete(*id).map(|()| None),
            Step::UploadMaterial { file, name, .. } => {
                let image = lock(&self.images).get(file).cloned();
                let image = image.expect("an image is read again before its upload");
                let media_id = client.material_add_image(name, image.kind.mime(), &image.bytes)?;
                Ok(Some(NewId::Material(media_id)))
            }
        }
    }

    /// Reads the image an upload sends again, and keeps it for the call: refused when it is no
    /// longer the image the plan showed (its hash changed), so an image nobody reviewed is never
    /// uploaded.
    fn verify_image(&self, step: &Step) -> Result<(), StepError> {
        let Step::UploadMaterial { file, sha256, .. } = step else {
            return Ok(());
        };
        let location = self.desired.media_file(file).map(|f| f.location.as_path());
        let image =
            crate::media::read_again(file, location, sha256).map_err(StepError::MediaFile)?;
        lock(&self.images).insert(file.clone(), Arc::new(image));
        Ok(())
    }
}

/// The media files the buttons (and sub buttons) name, each once.
fn named_files(buttons: &[crate::model::Button], out: &mut Vec<String>) {
    for button in buttons {
        if let Some(file) = &button.media_file
            && !out.contains(file)
        {
            out.push(file.clone());
        }
        named_files(&button.sub_button, out);
    }
}

/// A size rejection of a menu, with the button it most likely concerns.
fn blame(step: &PlannedStep, error: StepError) -> StepError {
    let buttons = match &step.step {
        Step::CreateMenu { button } | Step::AddConditionalMenu { button, .. } => button,
        _ => return error,
    };
    let StepError::Wechat(wechat) = &error else {
        return error;
    };
    let culprit = wechat
        .errcode()
        .and_then(|code| super::blame::blame(&step.address, buttons, code));
    match (culprit, error) {
        (Some(culprit), StepError::Wechat(wechat)) => StepError::Button {
            error: Box::new(wechat),
            culprit,
        },
        (_, error) => error,
    }
}
