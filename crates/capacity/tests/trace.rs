//! The trace as data: every kind of step is reached by the tour, carries its numbers, and
//! round-trips through JSON; errors carry their reason as data too.

use std::collections::BTreeSet;

use shipshape_capacity::{
    evaluate, evaluate_json, examples, ErrorDetail, Reserver, Source, Step, Topic,
};

#[test]
fn the_tour_reaches_every_kind_of_step() {
    let mut seen = BTreeSet::new();
    for s in examples::tour() {
        let r = evaluate(&s).unwrap_or_else(|e| panic!("{}: {e}", s.name));
        for step in &r.trace {
            assert_eq!(step.topic, step.step.topic());
            assert_eq!(step.source, step.source_id.english());
            assert!(!step.text.is_empty());
            // The name the UI reads is the one JSON carries.
            let json = serde_json::to_value(&step.step).unwrap();
            assert_eq!(json["kind"], step.step.kind(), "{step:?}");
            seen.insert(step.step.kind().to_string());
        }
    }
    let all: BTreeSet<String> = Step::KINDS.iter().map(|k| k.to_string()).collect();
    let missing: Vec<_> = all.difference(&seen).collect();
    assert!(missing.is_empty(), "never reached: {missing:?}");
    let unknown: Vec<_> = seen.difference(&all).collect();
    assert!(unknown.is_empty(), "not in Step::KINDS: {unknown:?}");
    assert_eq!(Source::ALL.len(), 25);
}

#[test]
fn the_gke_step_carries_the_bands_and_the_arithmetic() {
    let r = evaluate(&examples::kubernetes_gke()).unwrap();
    let step = r
        .trace
        .iter()
        .find_map(|s| match &s.step {
            Step::NodeBandedMemory {
                reserver,
                memory_mib,
                bands,
                reserved_mib,
                eviction_mib,
                allocatable_mib,
            } => Some((
                *reserver,
                *memory_mib,
                bands.clone(),
                *reserved_mib,
                *eviction_mib,
                *allocatable_mib,
            )),
            _ => None,
        })
        .unwrap();
    // 16 GiB: 25% of 4 GiB + 20% of 4 GiB + 10% of 8 GiB = 1024 + 819.2 + 819.2 = 2,662 MiB.
    assert_eq!(step.0, Reserver::Gke);
    assert_eq!(step.1, 16384.0);
    let bands: Vec<(f64, f64)> = step.2.iter().map(|b| (b.fraction, b.amount)).collect();
    assert_eq!(bands, vec![(0.25, 4096.0), (0.2, 4096.0), (0.1, 8192.0)]);
    assert_eq!(step.3, 2662.0);
    assert_eq!(step.4, 100.0);
    assert_eq!(step.5, 16384.0 - 2662.0 - 100.0);
}

#[test]
fn steps_serialize_with_their_kind_and_read_back() {
    let r = evaluate(&examples::eks_m5_large()).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    let first = &json["trace"][0];
    assert!(first["topic"].is_string());
    assert!(first["step"]["kind"].is_string());
    assert!(first["source_id"].is_string());
    let eks = json["trace"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"]["kind"] == "node_eks_memory")
        .unwrap();
    // m5.large: 3 ENIs x (10 - 1) + 2 = 29 pods; 11 x 29 + 255 = 574 MiB.
    assert_eq!(eks["step"]["max_pods"], 29);
    assert_eq!(eks["step"]["reserved_mib"], 574.0);
    assert_eq!(eks["topic"], "node");
    let back: shipshape_capacity::CapacityResult = serde_json::from_value(json).unwrap();
    assert_eq!(back.trace, r.trace);
    assert!(r.trace.iter().any(|s| s.topic == Topic::Packing));
}

#[test]
fn errors_carry_their_reason_as_data() {
    let mut s = examples::model_does_not_fit();
    s.app.model_mib = -5.0;
    let e = evaluate(&s).unwrap_err();
    assert_eq!(e.field, "app.model_mib");
    assert_eq!(
        e.detail,
        ErrorDetail::OutOfRange {
            min: 0.0,
            max: 16.0 * 1024.0 * 1024.0,
            got: -5.0
        }
    );
    assert_eq!(e.reason, "must be between 0 and 16777216, got -5");
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["detail"]["code"], "out_of_range");

    s = examples::model_does_not_fit();
    s.target = shipshape_capacity::Target::FargateEcs {
        vcpu: 1.0,
        memory_gb: 9.0,
    };
    let e = evaluate(&s).unwrap_err();
    assert!(
        matches!(&e.detail, ErrorDetail::FargateMemory { vcpu, valid } if *vcpu == 1.0 && valid.len() == 7),
        "{e:?}"
    );

    let e = evaluate_json("{").unwrap_err();
    assert_eq!(e.detail, ErrorDetail::Syntax);
    assert!(!e.reason.is_empty());
}
