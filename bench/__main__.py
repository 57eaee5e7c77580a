"""`python -m bench`: see bench/cli.py; `python -m bench --ha ...`: see bench/ha.py."""

import sys

if sys.argv[1:2] == ["--ha"]:
    from .ha import main as ha_main

    raise SystemExit(ha_main(sys.argv[2:]))

from .cli import main

raise SystemExit(main())
