//! Closed vocabularies of the catalogues: Annex A themes, the five ISO/IEC 27002:2022
//! attributes, and the Trust Services categories.
//!
//! Each is an enum so that a value outside its vocabulary fails to load instead of
//! silently becoming a new filter chip.

use serde::{Deserialize, Serialize};

/// Defines a kebab-case vocabulary enum with its label and the list of all values.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $id:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in the order the standard lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as written in data files, URLs and exports.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            /// A human-readable label.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses an id as written in data files and exports.
            pub fn from_id(id: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|value| value.id() == id)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}

vocabulary! {
    /// The four themes Annex A groups its controls under (clauses 5 to 8 of ISO/IEC 27002).
    Theme {
        Organizational => "organizational", "Organizational";
        People => "people", "People";
        Physical => "physical", "Physical";
        Technological => "technological", "Technological";
    }
}

vocabulary! {
    /// ISO/IEC 27002:2022 attribute: when the control acts relative to an incident.
    ControlType {
        Preventive => "preventive", "Preventive";
        Detective => "detective", "Detective";
        Corrective => "corrective", "Corrective";
    }
}

vocabulary! {
    /// ISO/IEC 27002:2022 attribute: which property of information the control preserves.
    SecurityProperty {
        Confidentiality => "confidentiality", "Confidentiality";
        Integrity => "integrity", "Integrity";
        Availability => "availability", "Availability";
    }
}

vocabulary! {
    /// ISO/IEC 27002:2022 attribute: the cybersecurity concept (after the NIST CSF functions).
    CybersecurityConcept {
        Identify => "identify", "Identify";
        Protect => "protect", "Protect";
        Detect => "detect", "Detect";
        Respond => "respond", "Respond";
        Recover => "recover", "Recover";
    }
}

vocabulary! {
    /// ISO/IEC 27002:2022 attribute: the operational capability the control belongs to.
    OperationalCapability {
        Governance => "governance", "Governance";
        AssetManagement => "asset-management", "Asset management";
        InformationProtection => "information-protection", "Information protection";
        HumanResourceSecurity => "human-resource-security", "Human resource security";
        PhysicalSecurity => "physical-security", "Physical security";
        SystemAndNetworkSecurity => "system-and-network-security", "System and network security";
        ApplicationSecurity => "application-security", "Application security";
        SecureConfiguration => "secure-configuration", "Secure configuration";
        IdentityAndAccessManagement => "identity-and-access-management", "Identity and access management";
        ThreatAndVulnerabilityManagement => "threat-and-vulnerability-management", "Threat and vulnerability management";
        Continuity => "continuity", "Continuity";
        SupplierRelationshipsSecurity => "supplier-relationships-security", "Supplier relationships security";
        LegalAndCompliance => "legal-and-compliance", "Legal and compliance";
        InformationSecurityEventManagement => "information-security-event-management", "Information security event management";
        InformationSecurityAssurance => "information-security-assurance", "Information security assurance";
    }
}

vocabulary! {
    /// ISO/IEC 27002:2022 attribute: the security domain.
    SecurityDomain {
        GovernanceAndEcosystem => "governance-and-ecosystem", "Governance and ecosystem";
        Protection => "protection", "Protection";
        Defence => "defence", "Defence";
        Resilience => "resilience", "Resilience";
    }
}

vocabulary! {
    /// The Trust Services categories. Security (the common criteria) is always in a SOC 2
    /// scope; the other four are elected.
    Category {
        Security => "security", "Security";
        Availability => "availability", "Availability";
        Confidentiality => "confidentiality", "Confidentiality";
        ProcessingIntegrity => "processing-integrity", "Processing integrity";
        Privacy => "privacy", "Privacy";
    }
}

impl Category {
    /// Whether an organisation may leave this category out of its SOC 2 scope.
    pub fn is_elective(self) -> bool {
        self != Category::Security
    }

    /// The categories an organisation may elect: all but security.
    pub fn elective() -> impl Iterator<Item = Category> {
        Category::ALL.iter().copied().filter(|c| c.is_elective())
    }
}

/// One value of one ISO/IEC 27002:2022 attribute, for filtering Annex A.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attribute {
    /// A control type value.
    ControlType(ControlType),
    /// An information security property value.
    SecurityProperty(SecurityProperty),
    /// A cybersecurity concept value.
    CybersecurityConcept(CybersecurityConcept),
    /// An operational capability value.
    OperationalCapability(OperationalCapability),
    /// A security domain value.
    SecurityDomain(SecurityDomain),
}

impl Attribute {
    /// Every value of every attribute, grouped by attribute in the standard's order.
    pub fn all() -> Vec<Attribute> {
        let mut all = Vec::new();
        all.extend(ControlType::ALL.iter().map(|&v| Attribute::ControlType(v)));
        all.extend(
            SecurityProperty::ALL
                .iter()
                .map(|&v| Attribute::SecurityProperty(v)),
        );
        all.extend(
            CybersecurityConcept::ALL
                .iter()
                .map(|&v| Attribute::CybersecurityConcept(v)),
        );
        all.extend(
            OperationalCapability::ALL
                .iter()
                .map(|&v| Attribute::OperationalCapability(v)),
        );
        all.extend(
            SecurityDomain::ALL
                .iter()
                .map(|&v| Attribute::SecurityDomain(v)),
        );
        all
    }

    /// The attribute's name, as the export column calls it.
    pub fn attribute_name(self) -> &'static str {
        match self {
            Attribute::ControlType(_) => "control_types",
            Attribute::SecurityProperty(_) => "security_properties",
            Attribute::CybersecurityConcept(_) => "cybersecurity_concepts",
            Attribute::OperationalCapability(_) => "operational_capabilities",
            Attribute::SecurityDomain(_) => "security_domains",
        }
    }

    /// The attribute's display name.
    pub fn attribute_label(self) -> &'static str {
        match self {
            Attribute::ControlType(_) => "Control type",
            Attribute::SecurityProperty(_) => "Information security properties",
            Attribute::CybersecurityConcept(_) => "Cybersecurity concepts",
            Attribute::OperationalCapability(_) => "Operational capabilities",
            Attribute::SecurityDomain(_) => "Security domains",
        }
    }

    /// The value's id, as written in data files.
    pub fn id(self) -> &'static str {
        match self {
            Attribute::ControlType(v) => v.id(),
            Attribute::SecurityProperty(v) => v.id(),
            Attribute::CybersecurityConcept(v) => v.id(),
            Attribute::OperationalCapability(v) => v.id(),
            Attribute::SecurityDomain(v) => v.id(),
        }
    }

    /// The value's label.
    pub fn label(self) -> &'static str {
        match self {
            Attribute::ControlType(v) => v.label(),
            Attribute::SecurityProperty(v) => v.label(),
            Attribute::CybersecurityConcept(v) => v.label(),
            Attribute::OperationalCapability(v) => v.label(),
            Attribute::SecurityDomain(v) => v.label(),
        }
    }

    /// Parses `attribute_name:value_id`, the form used in URLs and CLI filters.
    pub fn parse(text: &str) -> Option<Attribute> {
        let (name, id) = text.split_once(':')?;
        Attribute::all()
            .into_iter()
            .find(|attribute| attribute.attribute_name() == name && attribute.id() == id)
    }
}

impl std::fmt::Display for Attribute {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.attribute_name(), self.id())
    }
}
