//! Fargate and Cloud Run size rules.

/// Valid Fargate task memory (GB, which the API counts as 1024 MiB) for a vCPU size
/// (AWS Fargate task sizes; capacity-facts.md "Serverless container sizes").
pub fn fargate_memory_options_gb(vcpu: f64) -> Option<Vec<f64>> {
    let range = |from: u32, to: u32, step: usize| -> Vec<f64> {
        (from..=to).step_by(step).map(f64::from).collect()
    };
    let same = |a: f64, b: f64| (a - b).abs() < 1e-9;
    if same(vcpu, 0.25) {
        Some(vec![0.5, 1.0, 2.0])
    } else if same(vcpu, 0.5) {
        Some(range(1, 4, 1))
    } else if same(vcpu, 1.0) {
        Some(range(2, 8, 1))
    } else if same(vcpu, 2.0) {
        Some(range(4, 16, 1))
    } else if same(vcpu, 4.0) {
        Some(range(8, 30, 1))
    } else if same(vcpu, 8.0) {
        Some(range(16, 60, 4))
    } else if same(vcpu, 16.0) {
        Some(range(32, 120, 8))
    } else {
        None
    }
}

/// Fargate vCPU sizes, smallest first.
pub const FARGATE_VCPUS: [f64; 7] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];

/// EKS on Fargate adds 256 MB per pod for Kubernetes components, then rounds up to the smallest
/// valid size with at least the pod's CPU and that memory. `None` when no size is big enough.
pub fn fargate_eks_size(cpu_cores: f64, memory_mib: f64) -> Option<(f64, f64)> {
    let needed_gb = (memory_mib + FARGATE_EKS_OVERHEAD_MIB) / 1024.0;
    FARGATE_VCPUS
        .iter()
        .filter(|v| **v + 1e-9 >= cpu_cores)
        .find_map(|v| {
            fargate_memory_options_gb(*v)?
                .into_iter()
                .find(|gb| *gb + 1e-9 >= needed_gb)
                .map(|gb| (*v, gb))
        })
}

/// Counted as MiB: the docs say "256 MB"; the Fargate API sizes memory in MiB.
pub const FARGATE_EKS_OVERHEAD_MIB: f64 = 256.0;

/// Cloud Run: memory above 4 GiB needs 2+ vCPU, above 8 GiB 4+, above 16 GiB 6+, above 24 GiB 8+.
pub fn cloud_run_min_vcpu(memory_mib: f64) -> f64 {
    if memory_mib > 24.0 * 1024.0 {
        8.0
    } else if memory_mib > 16.0 * 1024.0 {
        6.0
    } else if memory_mib > 8.0 * 1024.0 {
        4.0
    } else if memory_mib > 4.0 * 1024.0 {
        2.0
    } else {
        0.08
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fargate_tables() {
        assert_eq!(fargate_memory_options_gb(0.25), Some(vec![0.5, 1.0, 2.0]));
        // 8 vCPU: 16-60 GB in 4 GB steps: 16, 20, ..., 60 = 12 sizes.
        let eight = fargate_memory_options_gb(8.0).unwrap();
        assert_eq!((eight.len(), eight[1], eight[11]), (12, 20.0, 60.0));
        assert_eq!(fargate_memory_options_gb(3.0), None);
    }

    #[test]
    fn eks_fargate_rounds_up_after_overhead() {
        // 0.25 vCPU pod with 1,900 MiB: 1,900 + 256 = 2,156 MiB = 2.1 GB > 2 GB, the largest
        // 0.25 vCPU size, so 0.5 vCPU with 3 GB.
        assert_eq!(fargate_eks_size(0.25, 1900.0), Some((0.5, 3.0)));
        // 1 vCPU, 700 MiB: 956 MiB -> the smallest 1 vCPU size, 2 GB.
        assert_eq!(fargate_eks_size(1.0, 700.0), Some((1.0, 2.0)));
        assert_eq!(fargate_eks_size(16.0, 200_000.0), None);
    }

    #[test]
    fn cloud_run_cpu_for_memory() {
        assert_eq!(cloud_run_min_vcpu(4096.0), 0.08);
        assert_eq!(cloud_run_min_vcpu(4097.0), 2.0);
        assert_eq!(cloud_run_min_vcpu(20480.0), 6.0);
    }
}
