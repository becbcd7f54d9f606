from oneonone_cli.cli import main

main()
