// SPDX-License-Identifier: MIT
// Help text shared by the verbs.
#include "app/cli/clioptions.h"

using namespace Qt::StringLiterals;

namespace strata::cli {

QString sourceSyntaxHelp()
{
    return u"PATH (auto-detected), docker-archive:PATH[:NAME:TAG|:@N], oci-archive:PATH[:REF], oci:DIR[:REF], dir:DIR or docker://HOST[:PORT]/REPO[:TAG|@DIGEST]"_s;
}

} // namespace strata::cli
