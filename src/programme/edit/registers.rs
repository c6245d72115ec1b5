//! Edits of the SOC 2 registers: CUECs, subservice organisations, System Description text.

use super::{known_refs, not_empty, take_number, EditError, NEW_SUBSERVICE_NAME};
use crate::catalog::{catalogues, refs, RefKind};
use crate::crosswalk::Side;
use crate::programme::{same_name, Cuec, Programme, SubserviceMethod, SubserviceOrganisation};

/// The SOC 2 registers: CUECs, subservice organisations and the System Description text.
impl Programme {
    fn cuec_mut(&mut self, id: &str) -> Result<&mut Cuec, EditError> {
        self.cuecs
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or_else(|| EditError::UnknownCuec(id.to_owned()))
    }

    /// Adds a complementary user entity control with the next id (ids are never reused) and
    /// returns the id.
    pub fn add_cuec(&mut self, description: &str) -> Result<String, EditError> {
        not_empty(description, "description")?;
        let id = format!("CUEC-{:02}", take_number(&mut self.next_cuec, "CUEC")?);
        self.cuecs.push(Cuec {
            id: id.clone(),
            description: description.to_owned(),
            criteria: Vec::new(),
        });
        Ok(id)
    }

    /// Says what customers are expected to do; a description cannot be empty.
    pub fn set_cuec_description(&mut self, id: &str, text: &str) -> Result<(), EditError> {
        not_empty(text, "description")?;
        text.clone_into(&mut self.cuec_mut(id)?.description);
        Ok(())
    }

    /// Sets the criteria a CUEC complements.
    pub fn set_cuec_criteria(&mut self, id: &str, criteria: Vec<String>) -> Result<(), EditError> {
        let criteria = known_refs(criteria, Side::Tsc)?;
        self.cuec_mut(id)?.criteria = criteria;
        Ok(())
    }

    /// Deletes a CUEC; its id is not reused.
    pub fn delete_cuec(&mut self, id: &str) -> Result<(), EditError> {
        self.cuec_mut(id)?;
        self.cuecs.retain(|c| c.id != id);
        Ok(())
    }

    fn subservice_mut(&mut self, name: &str) -> Result<&mut SubserviceOrganisation, EditError> {
        self.subservice_organisations
            .iter_mut()
            .find(|o| o.name == name)
            .ok_or_else(|| EditError::UnknownSubservice(name.to_owned()))
    }

    fn unused_subservice_name(&self, name: &str, except: Option<&str>) -> Result<(), EditError> {
        not_empty(name, "name")?;
        let taken = self
            .subservice_organisations
            .iter()
            .filter(|o| Some(o.name.as_str()) != except)
            .any(|o| same_name(&o.name, name));
        if taken {
            Err(EditError::DuplicateName(name.trim().to_owned()))
        } else {
            Ok(())
        }
    }

    /// A name no subservice organisation has yet: [`NEW_SUBSERVICE_NAME`], numbered if taken.
    pub fn fresh_subservice_name(&self) -> String {
        (1..)
            .map(|n| match n {
                1 => NEW_SUBSERVICE_NAME.to_owned(),
                n => format!("{NEW_SUBSERVICE_NAME} ({n})"),
            })
            .find(|name| self.unused_subservice_name(name, None).is_ok())
            .unwrap_or_default()
    }

    /// Adds a subservice organisation (carve-out until said otherwise); names are unique.
    pub fn add_subservice(&mut self, name: &str) -> Result<(), EditError> {
        self.unused_subservice_name(name, None)?;
        self.subservice_organisations.push(SubserviceOrganisation {
            name: name.trim().to_owned(),
            services: String::new(),
            method: SubserviceMethod::CarveOut,
            csocs: Vec::new(),
            criteria: Vec::new(),
        });
        Ok(())
    }

    /// Renames a subservice organisation; the new name must be unused.
    pub fn rename_subservice(&mut self, name: &str, new_name: &str) -> Result<(), EditError> {
        self.subservice_mut(name)?;
        self.unused_subservice_name(new_name, Some(name))?;
        self.subservice_mut(name)?.name = new_name.trim().to_owned();
        Ok(())
    }

    /// Says what a subservice organisation provides.
    pub fn set_subservice_services(&mut self, name: &str, text: &str) -> Result<(), EditError> {
        text.clone_into(&mut self.subservice_mut(name)?.services);
        Ok(())
    }

    /// Sets how the report presents a subservice organisation's controls.
    pub fn set_subservice_method(
        &mut self,
        name: &str,
        method: SubserviceMethod,
    ) -> Result<(), EditError> {
        self.subservice_mut(name)?.method = method;
        Ok(())
    }

    /// Sets the complementary subservice organisation controls expected of it.
    pub fn set_subservice_csocs(
        &mut self,
        name: &str,
        csocs: Vec<String>,
    ) -> Result<(), EditError> {
        self.subservice_mut(name)?.csocs = csocs;
        Ok(())
    }

    /// Sets the criteria a subservice organisation bears on.
    pub fn set_subservice_criteria(
        &mut self,
        name: &str,
        criteria: Vec<String>,
    ) -> Result<(), EditError> {
        let criteria = known_refs(criteria, Side::Tsc)?;
        self.subservice_mut(name)?.criteria = criteria;
        Ok(())
    }

    /// Removes a subservice organisation.
    pub fn delete_subservice(&mut self, name: &str) -> Result<(), EditError> {
        self.subservice_mut(name)?;
        self.subservice_organisations.retain(|o| o.name != name);
        Ok(())
    }

    /// Sets the user's own text for a System Description section; blank text removes it.
    pub fn set_description_note(&mut self, section: &str, text: &str) -> Result<(), EditError> {
        if refs::kind_of(section) != Some(RefKind::Dc) || !catalogues().exists(section) {
            return Err(EditError::NotDescriptionCriterion(section.to_owned()));
        }
        if text.trim().is_empty() {
            self.description_notes.remove(section);
        } else {
            self.description_notes
                .insert(section.to_owned(), text.to_owned());
        }
        Ok(())
    }
}
