//! The loading, error and loaded states of a page, in one place.

use leptos::prelude::*;

use super::{LoadErrorView, LoadingStatus};
use crate::data::LoadError;

/// Shows `render(value)` once `resource` has loaded, the loading status before, and the
/// error view if loading failed. While a resource reloads, the previous content stays and
/// the container is marked `aria-busy`.
#[component]
pub fn Loaded<T, F, V>(resource: LocalResource<Result<T, LoadError>>, render: F) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let content = move || {
        let render = render.clone();
        Suspend::new(async move { resource.await.map(|value| render(value).into_any()) })
    };
    // Erasing the content's type here lets every page share one copy of the transition and
    // error boundary code below, which is large once compiled.
    loading_frame(content.into_any())
}

fn loading_frame(content: AnyView) -> impl IntoView {
    let (pending, set_pending) = signal(false);
    view! {
        <div class="loaded" aria-busy=move || pending.get().then_some("true")>
            <Transition fallback=LoadingStatus set_pending>
                <ErrorBoundary fallback=|errors| view! { <LoadErrorView errors /> }>{content}</ErrorBoundary>
            </Transition>
        </div>
    }
}
