// Material for MkDocs 9.8 base (partials/javascripts/base.html), moved from an inline <script> into a
// file so the Content-Security-Policy needs no 'unsafe-inline' (overrides/partials/javascripts/base.html).
// The scope Material writes inline (config.extra.scope or base_url) comes from the tag's data-md-scope.
__md_scope=new URL(document.currentScript.dataset.mdScope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
