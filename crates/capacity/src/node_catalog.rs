//! A few common node types, so a scenario can say `"instance_type": "m5.large"`.
//!
//! Sizes are the providers' published shapes (recalled; re-check before relying on a new entry).
//! EKS entries carry ENIs and IPv4 addresses per ENI for the max-pods formula, as the AL2023
//! AMI's nodeadm has them in its instance table (`nodeadm/internal/kubelet/instance-info.jsonl`).

/// The cloud a node type belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    Gke,
    Eks,
    Aks,
}

/// One node type: its shape and, for EKS, its networking limits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeShape {
    pub name: &'static str,
    pub provider: Provider,
    pub cores: f64,
    pub memory_mib: f64,
    /// (ENIs, IPv4 addresses per ENI), EKS only.
    pub eni: Option<(u32, u32)>,
}

const GIB: f64 = 1024.0;

const CATALOG: &[NodeShape] = &[
    shape("e2-standard-2", Provider::Gke, 2.0, 8.0, None),
    shape("e2-standard-4", Provider::Gke, 4.0, 16.0, None),
    shape("e2-standard-8", Provider::Gke, 8.0, 32.0, None),
    shape("e2-standard-16", Provider::Gke, 16.0, 64.0, None),
    shape("t3.medium", Provider::Eks, 2.0, 4.0, Some((3, 6))),
    shape("m5.large", Provider::Eks, 2.0, 8.0, Some((3, 10))),
    shape("m5.xlarge", Provider::Eks, 4.0, 16.0, Some((4, 15))),
    shape("m5.2xlarge", Provider::Eks, 8.0, 32.0, Some((4, 15))),
    shape("m5.4xlarge", Provider::Eks, 16.0, 64.0, Some((8, 30))),
    shape("Standard_D2s_v5", Provider::Aks, 2.0, 8.0, None),
    shape("Standard_D4s_v5", Provider::Aks, 4.0, 16.0, None),
    shape("Standard_D8s_v5", Provider::Aks, 8.0, 32.0, None),
    shape("Standard_D16s_v5", Provider::Aks, 16.0, 64.0, None),
];

const fn shape(
    name: &'static str,
    provider: Provider,
    cores: f64,
    memory_gib: f64,
    eni: Option<(u32, u32)>,
) -> NodeShape {
    NodeShape {
        name,
        provider,
        cores,
        memory_mib: memory_gib * GIB,
        eni,
    }
}

/// Finds a node type by its exact name.
pub fn lookup(name: &str) -> Option<&'static NodeShape> {
    CATALOG.iter().find(|s| s.name == name)
}

/// Every known name, for error messages and the UI's picker.
pub fn names() -> Vec<&'static str> {
    CATALOG.iter().map(|s| s.name).collect()
}

/// Node types of one provider, smallest memory first.
pub fn of_provider(provider: Provider) -> impl Iterator<Item = &'static NodeShape> {
    CATALOG.iter().filter(move |s| s.provider == provider)
}

/// EKS: `maxPods = ENIs x (IPv4 addresses per ENI - 1) + 2` (nodeadm `eni_max_pods.go`, the same
/// as the AL2 AMIs had; m5.large: 29).
pub fn eks_max_pods(enis: u32, ips_per_eni: u32) -> u32 {
    enis.saturating_mul(ips_per_eni.saturating_sub(1))
        .saturating_add(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eks_max_pods_matches_published_values() {
        // m5.large: 3 ENIs x (10 - 1) + 2 = 29 (capacity-facts.md).
        let m5 = lookup("m5.large").and_then(|s| s.eni).unwrap();
        assert_eq!(eks_max_pods(m5.0, m5.1), 29);
        // t3.medium: 3 x (6 - 1) + 2 = 17; m5.4xlarge: 8 x 29 + 2 = 234.
        assert_eq!(eks_max_pods(3, 6), 17);
        assert_eq!(eks_max_pods(8, 30), 234);
    }

    #[test]
    fn unknown_names_are_not_found() {
        assert!(lookup("m5.huge").is_none());
        assert_eq!(lookup("e2-standard-4").map(|s| s.memory_mib), Some(16384.0));
    }
}
