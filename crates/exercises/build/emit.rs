//! Writes the model's values as Rust expressions that build them as static data (every text a
//! `Cow::Borrowed` literal, every list a borrowed slice). Build script only.

use std::fmt::Write;

use super::model::*;

pub trait Emit {
    fn emit(&self, out: &mut String);
}

pub fn emitted<T: Emit + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.emit(&mut out);
    out
}

impl Emit for Str {
    fn emit(&self, out: &mut String) {
        // `{:?}` of a str is a valid Rust string literal (escapes included).
        let _ = write!(out, "Cow::Borrowed({:?})", self.as_ref());
    }
}

impl<T: Emit + Clone> Emit for List<T> {
    fn emit(&self, out: &mut String) {
        out.push_str("Cow::Borrowed(&[");
        for item in self.iter() {
            item.emit(out);
            out.push(',');
        }
        out.push_str("])");
    }
}

impl<T: Emit> Emit for Option<T> {
    fn emit(&self, out: &mut String) {
        match self {
            None => out.push_str("None"),
            Some(v) => {
                out.push_str("Some(");
                v.emit(out);
                out.push(')');
            }
        }
    }
}

impl Emit for bool {
    fn emit(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl Emit for u32 {
    fn emit(&self, out: &mut String) {
        let _ = write!(out, "{self}u32");
    }
}

impl Emit for f64 {
    fn emit(&self, out: &mut String) {
        // `{:?}` keeps a decimal point (`2.0`), so the literal is a float.
        let _ = write!(out, "{self:?}f64");
    }
}

macro_rules! emit_unit_enum {
    ($ty:ident { $($variant:ident),* $(,)? }) => {
        impl Emit for $ty {
            fn emit(&self, out: &mut String) {
                match self {
                    $($ty::$variant => out.push_str(concat!(stringify!($ty), "::", stringify!($variant))),)*
                }
            }
        }
    };
}

emit_unit_enum!(Part {
    Concepts,
    Containers,
    Production
});
emit_unit_enum!(Decision {
    Workers,
    Server,
    MemoryLimit,
    CpuLimit,
    CpuRequest,
    NodeType,
    NodeCount,
    Spares
});
emit_unit_enum!(Quantity {
    Workers,
    Containers,
    ContainersPerNode,
    Nodes,
    NodeCount,
    ContainerMemoryMib,
    MemoryLimitMib,
    LimitOverUse,
    WorkerProcessesNeeded,
    MaxWorkersThatFit,
    GunicornWorkersForLimit
});

/// `Name { field: value, ... }` for the listed fields.
macro_rules! emit_struct {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl Emit for $ty {
            fn emit(&self, out: &mut String) {
                out.push_str(concat!(stringify!($ty), " {"));
                $(
                    out.push_str(concat!(stringify!($field), ": "));
                    self.$field.emit(out);
                    out.push(',');
                )*
                out.push('}');
            }
        }
    };
}

emit_struct!(Exercise {
    id,
    part,
    practises,
    dockerfile,
    capacity,
    concept,
    checks
});
emit_struct!(DockerfileTask {
    context,
    app,
    changed,
    start,
    start_dockerignore,
    solution,
    solution_dockerignore
});
emit_struct!(CapacityTask {
    start,
    solution,
    decisions
});
emit_struct!(ConceptTask { choices, answer });
emit_struct!(ExerciseText {
    title,
    task,
    hints,
    explanation,
    choices
});
emit_struct!(ChoiceText { id, label, why });

impl Emit for Operand {
    fn emit(&self, out: &mut String) {
        match self {
            Operand::Number(n) => {
                out.push_str("Operand::Number(");
                n.emit(out);
                out.push(')');
            }
            Operand::Quantity(q) => {
                out.push_str("Operand::Quantity(");
                q.emit(out);
                out.push(')');
            }
        }
    }
}

/// `Check::Variant { field: value, ... }`, or `Check::Variant` for a variant without fields.
macro_rules! check_variant {
    ($out:ident, $name:ident) => {
        $out.push_str(concat!("Check::", stringify!($name)))
    };
    ($out:ident, $name:ident, $($field:ident),+) => {{
        $out.push_str(concat!("Check::", stringify!($name), " {"));
        $(
            $out.push_str(concat!(stringify!($field), ": "));
            $field.emit($out);
            $out.push(',');
        )+
        $out.push('}');
    }};
}

impl Emit for Check {
    fn emit(&self, out: &mut String) {
        match self {
            Check::Rebuild {
                changed,
                build_args,
                max_heavy,
                max_rebuilt,
                min_rebuilt,
            } => check_variant!(
                out,
                Rebuild,
                changed,
                build_args,
                max_heavy,
                max_rebuilt,
                min_rebuilt
            ),
            Check::Finding { rule, present } => check_variant!(out, Finding, rule, present),
            Check::NonRootUser => check_variant!(out, NonRootUser),
            Check::NoBuildTools => check_variant!(out, NoBuildTools),
            Check::ExecForm => check_variant!(out, ExecForm),
            Check::StartHas { args } => check_variant!(out, StartHas, args),
            Check::Stage {
                name,
                installs,
                runs,
                outside_final,
            } => check_variant!(out, Stage, name, installs, runs, outside_final),
            Check::Ignored { paths } => check_variant!(out, Ignored, paths),
            Check::Fits => check_variant!(out, Fits),
            Check::NoWarning { code } => check_variant!(out, NoWarning, code),
            Check::Compare {
                quantity,
                at_least,
                at_most,
                equals,
                tolerance,
            } => check_variant!(out, Compare, quantity, at_least, at_most, equals, tolerance),
        }
    }
}
